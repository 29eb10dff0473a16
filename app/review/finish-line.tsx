'use client'
/** The review screen's progress bar and its finish line (issue #16): what today's answers came to. */
import Link from 'next/link'
import { useEffect, useState, type RefObject } from 'react'
import { useTranslations } from 'next-intl'
import type { DaySummary } from '@/lib/data/study-service'
import { DueTime } from '@/app/ui/due-time'
import { StudyMore } from './study-more'

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

/** The end of today's queue: reviews the limit holds back, when the next card is due, what today came to, and "Study more today". */
export function FinishLine({ nextDueAt, heldBack, timeZone, today, onStudyMore, headingRef }: {
  nextDueAt: string | null
  /** Reviews due today that the day's review limit holds back. */
  heldBack: number
  timeZone: string
  today: DaySummary
  onStudyMore: () => Promise<void>
  /** Takes the focus when the last answers are in (it was dropped with the last grade button). */
  headingRef: RefObject<HTMLHeadingElement | null>
}) {
  const t = useTranslations('review')
  const tStudy = useTranslations('study')
  return (
    <section className="card-surface" style={{ marginTop: '1rem' }} aria-labelledby="done-heading">
      <h2 id="done-heading" ref={headingRef} tabIndex={-1}>{t('doneHeading')}</h2>
      {heldBack > 0 ? <p>{tStudy('reviewLimitReached', { count: heldBack })}</p> : null}
      <p>{nextDueAt ? tStudy.rich('nextDue', { due: () => <DueTime iso={nextDueAt} timeZone={timeZone} /> }) : t('nothingScheduled')}</p>
      <FinishSummary today={today} />
      <StudyMore onGranted={onStudyMore} />
      <p><Link href="/">{t('backHome')}</Link></p>
    </section>
  )
}

/**
 * Whether the finish line shows. The end of the queue is said once, when the last answers are in (their reply may
 * still bring a card shown early) and no refill is on its way (it may bring the day's next cards); the focus, dropped
 * with the last grade button, goes to the finish line. Once shown it stays while the page looks again (a timer when
 * the next learning card falls due, "Study more today"), so it does not flicker; until then an empty queue waiting for
 * answers says so.
 */
export function useFinishLine({ empty, waiting, answers, headingRef, announce }: {
  empty: boolean
  /** Answers not yet answered by the server, and queue refills on their way. */
  waiting: number
  /** Today's answers, for the announcement. */
  answers: number
  headingRef: RefObject<HTMLHeadingElement | null>
  announce: (a: { kind: 'done'; answers: number }) => void
}) {
  const finished = empty && waiting === 0
  const [finishShown, setFinishShown] = useState(false)
  // Follows the queue while rendering (React's pattern for state derived from a changing value; no effect, no flicker).
  if (!empty && finishShown) setFinishShown(false)
  else if (finished && !finishShown) setFinishShown(true)
  useEffect(() => {
    if (!finished) return
    announce({ kind: 'done', answers })
    if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus()
  }, [finished]) // eslint-disable-line react-hooks/exhaustive-deps -- said once when the queue ends, with the count of that moment
  return { finished, finishShown }
}
