import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { navPageTitle } from '@/lib/server/i18n'
import { progressData } from '@/app/page-data'
import { presentText } from '@/lib/core/present'
import { claimReadingHref, sectionReadingHref } from '@/lib/core/reading'
import { LangText } from '@/app/ui/lang-text'
import { MasteryLegend } from '@/app/ui/mastery-badge'
import { ClaimSquares, ClaimTiles } from '@/app/ui/progress/claim-map'
import { percent } from '@/app/ui/recall'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('progress')
}

/**
 * The interview map: every section as a block of its claims, each a square marked with its mastery, all of them on
 * one screen or two; `?view=list` shows the same claims as tiles with their full sentence and recall now.
 * Any other `view` is the map: a bookmark with an old or mistyped value still opens a page.
 */
export default async function ProgressPage({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  const user = await requireUser('/progress')
  const now = await requestNow()
  const [{ map, sections, settings }, t, tReader, query] = await Promise.all([
    progressData(user.id, now),
    getTranslations('progress'),
    getTranslations('reader'),
    searchParams,
  ])
  const asList = query.view === 'list'
  const lang = settings.displayLanguage
  const sectionText = new Map(sections.map((s) => [`${s.deckId}/${s.id}`, s]))
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{asList ? t('introList') : t('introMap')}</p>
      <nav aria-label={t('viewLabel')} className="view-switch">
        <Link href="/progress" aria-current={asList ? undefined : 'page'}>{t('viewMap')}</Link>
        <Link href="/progress?view=list" aria-current={asList ? 'page' : undefined}>{t('viewList')}</Link>
      </nav>
      <p className="lead">{t('learnedOf', { learned: map.learned, total: map.total })}</p>
      <MasteryLegend counts={map.counts} />
      <div className={asList ? 'map-list' : 'map-grid'}>
        {map.sections.map((s) => {
          const text = sectionText.get(`${s.deckId}/${s.sectionId}`)
          const claimText = new Map(text?.claims.map((c) => [c.id, c]) ?? [])
          const sentence = (claimId: string) => {
            const words = claimText.get(claimId)
            return words ? presentText(words.textEn, words.textZh, lang) : null
          }
          const headingId = `section-${s.deckId}-${s.sectionId}`
          return (
            <section key={headingId} aria-labelledby={headingId} className="map-section">
              <h2 id={headingId}>
                {/* Not prefetched, as the claims' links are not (app/ui/progress/claim-map.tsx): a link a section. */}
                <Link href={`/sections/${s.sectionId}?deck=${encodeURIComponent(s.deckId)}`} prefetch={false}>
                  {s.sectionId}. {text ? <LangText en={text.titleEn} zh={text.titleZh} lang={lang} /> : null}
                </Link>
              </h2>
              <p className="muted">
                {t('sectionLearned', { learned: s.learned, total: s.total })} ·{' '}
                {s.meanRetrievability === null ? t('noRecall') : t('meanRecall', { percent: percent(s.meanRetrievability) })}
              </p>
              {asList ? (
                <ClaimTiles section={s} sentence={sentence} readingHref={text?.reading ? (claimId) => claimReadingHref(s.deckId, s.sectionId, claimId) : undefined} />
              ) : (
                <ClaimSquares section={s} sentence={sentence} />
              )}
              {/* After the squares: from the section's heading, Tab goes straight to its claims. */}
              {text?.reading ? (
                <p className="map-read"><Link href={sectionReadingHref(s.deckId, s.sectionId)} prefetch={false}>{tReader('readSection')}</Link></p>
              ) : null}
            </section>
          )
        })}
      </div>
    </>
  )
}
