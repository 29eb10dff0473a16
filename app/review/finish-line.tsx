'use client'
/** The review screen's progress bar and its finish line (issue #16): what today's answers came to. */
import { useTranslations } from 'next-intl'
import type { DaySummary } from '@/lib/data/study-service'

/** Done and left today, from the server's log and queue (kept across a reload), with this page's grades since. */
export function TodayProgress({ done, left }: { done: number; left: number }) {
  const t = useTranslations('review')
  return (
    <div className="today-progress">
      <span id="today-progress-label">{t('progressToday', { done, left })}</span>
      <progress aria-labelledby="today-progress-label" value={done} max={Math.max(1, done + left)} />
    </div>
  )
}

/** Minutes and seconds of answering time, as the finish line says it. */
export function minutesAndSeconds(durationMs: number): { minutes: number; seconds: number } {
  const totalSeconds = Math.round(durationMs / 1000)
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 }
}

export function FinishSummary({ today }: { today: DaySummary }) {
  const t = useTranslations('review')
  return (
    <section aria-labelledby="today-summary-heading" className="today-summary">
      <h3 id="today-summary-heading">{t('summaryHeading')}</h3>
      <dl>
        <div>
          <dt>{t('summaryReviewed')}</dt>
          <dd>{t('summaryAnswers', { answers: today.answers, cards: today.cards })}</dd>
        </div>
        <div>
          <dt>{t('summaryTime')}</dt>
          <dd>{t('summaryDuration', minutesAndSeconds(today.durationMs))}</dd>
        </div>
        <div>
          <dt>{t('summaryForgotten')}</dt>
          <dd>{t('summaryForgottenCount', { count: today.forgotten })}</dd>
        </div>
      </dl>
      <h4 id="learned-today-heading">{t('summaryLearned')}</h4>
      {today.learnedClaims.length > 0 ? (
        <ul aria-labelledby="learned-today-heading">
          {today.learnedClaims.map((c) => (
            <li key={c.id} dangerouslySetInnerHTML={{ __html: c.html }} />
          ))}
        </ul>
      ) : (
        <p className="muted" style={{ fontSize: '1rem' }}>{t('summaryLearnedNone')}</p>
      )}
    </section>
  )
}
