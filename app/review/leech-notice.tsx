'use client'
/** The notice of a card this person just made a leech (suspended), with its claim and a way to bring it back. */
import type { TitlePart } from '@/lib/core/display-language'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import type { StudyCard } from '@/lib/data/study-service'

export function LeechNotice({ card, busy, bringBack, dismiss, sectionTitleLang }: {
  card: StudyCard
  busy: boolean
  bringBack: () => void
  dismiss: () => void
  sectionTitleLang: TitlePart['lang'] | undefined
}) {
  const t = useTranslations('review')
  return (
    <section className="notice" aria-labelledby="leech-heading">
      <h2 id="leech-heading" style={{ fontSize: '1.1rem', margin: 0 }}>{t('leechHeading')}</h2>
      <p>{t.rich('leech', { claim: () => <span dangerouslySetInnerHTML={{ __html: card.claim.html }} /> })}</p>
      <p>
        <Link href={`/sections/${card.section.id}#${card.claim.id}`}>
          {t.rich('sectionLink', { id: card.section.id, title: () => <span lang={sectionTitleLang}>{card.section.title}</span> })}
        </Link>
      </p>
      <div className="grade-buttons">
        <button type="button" onClick={bringBack} disabled={busy}>{t('bringBack')}</button>
        <button type="button" className="link-button" onClick={dismiss}>{t('dismiss')}</button>
      </div>
    </section>
  )
}
