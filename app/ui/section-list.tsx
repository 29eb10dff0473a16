import Link from 'next/link'
import { useTranslations } from 'next-intl'
import type { DeckOverview } from '@/lib/data/deck'
import { presentText } from '@/lib/core/present'
import type { DisplayLanguage } from '@/lib/core/settings'
import { LangText } from './lang-text'

/** A deck's sections with their counts, linking to each section page; with summaries on the deck page. */
export function SectionList({ deck, lang, summaries = false }: { deck: DeckOverview; lang: DisplayLanguage; summaries?: boolean }) {
  const t = useTranslations('deck')
  return (
    <ul className="section-list">
      {deck.sections.map((s) => (
        <li key={s.id}>
          <h3>
            <Link href={`/sections/${s.id}`}>{s.id}. <LangText en={s.titleEn} zh={s.titleZh} lang={lang} /></Link>
          </h3>
          {summaries ? <div dangerouslySetInnerHTML={{ __html: presentText(s.summaryEn, s.summaryZh, lang) }} /> : null}
          <span className="muted">{t('claimsAndCards', { claims: s.claims, cards: s.cards })}</span>
        </li>
      ))}
    </ul>
  )
}
