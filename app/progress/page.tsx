import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { navPageTitle } from '@/lib/server/i18n'
import { progress } from '@/lib/data/progress'
import { listClaimTexts } from '@/lib/data/deck'
import { getSettings } from '@/lib/data/settings'
import { presentText } from '@/lib/core/present'
import { LangText } from '@/app/ui/lang-text'
import { MasteryBadge, MasteryLegend } from '@/app/ui/mastery-badge'
import { ClaimRecallText, percent } from '@/app/ui/recall'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('progress')
}

/** The interview map: every section as a block of its claims, each marked with its mastery and its recall now. */
export default async function ProgressPage() {
  const user = await requireUser('/progress')
  const now = await requestNow()
  const [map, sections, settings, t] = await Promise.all([progress.map(user.id, now), listClaimTexts(), getSettings(user.id), getTranslations('progress')])
  const lang = settings.displayLanguage
  const sectionText = new Map(sections.map((s) => [`${s.deckId}/${s.id}`, s]))
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      <p className="lead">{t('learnedOf', { learned: map.learned, total: map.total })}</p>
      <MasteryLegend counts={map.counts} />
      {map.sections.map((s) => {
        const text = sectionText.get(`${s.deckId}/${s.sectionId}`)
        const claimText = new Map(text?.claims.map((c) => [c.id, c]) ?? [])
        const headingId = `section-${s.deckId}-${s.sectionId}`
        return (
          <section key={headingId} aria-labelledby={headingId} className="map-section">
            <h2 id={headingId}>
              <Link href={`/sections/${s.sectionId}?deck=${encodeURIComponent(s.deckId)}`}>
                {s.sectionId}. {text ? <LangText en={text.titleEn} zh={text.titleZh} lang={lang} /> : null}
              </Link>
            </h2>
            <p className="muted">
              {t('sectionLearned', { learned: s.learned, total: s.total })} ·{' '}
              {s.meanRetrievability === null ? t('noRecall') : t('meanRecall', { percent: percent(s.meanRetrievability) })}
            </p>
            <ol className="claim-map">
              {s.claims.map((c) => {
                const words = claimText.get(c.claimId)
                return (
                  <li key={c.claimId} className={`claim-tile tile-${c.mastery}`}>
                    <Link href={`/progress/${encodeURIComponent(c.claimId)}`}>
                      <MasteryBadge mastery={c.mastery} />{' '}
                      {words ? <span dangerouslySetInnerHTML={{ __html: presentText(words.textEn, words.textZh, lang) }} /> : null}{' '}
                      <span className="muted"><ClaimRecallText recall={c} /></span>
                    </Link>
                  </li>
                )
              })}
            </ol>
          </section>
        )
      })}
    </>
  )
}
