'use client'
/**
 * The review screen. One card at a time; the next card shows at once after a grade, while the grade goes to the
 * server in the background and is retried with the same reviewId until the server answers (so it is kept exactly
 * once). Its answer carries the server's next cards, which reorder what follows the card on screen. A refusal
 * (stale version, retired card) shows a notice and reloads the queue.
 */
import Link from 'next/link'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import type { StudyCard, TodayCounts } from '@/lib/data/study-service'
import { DueTime } from '@/app/ui/due-time'
import { followServer } from '@/lib/core/queue'
import { parseIntervalCode } from '@/lib/core/interval'
import { GRADE_KEYS, useAnswerKeys, type Grade } from '@/app/ui/answer-keys'

const GRADES = GRADE_KEYS
const MAX_RETRY_DELAY_MS = 8000

type Pending = { reviewId: string; cardId: string; rating: Grade; version: number; durationMs: number }

export function ReviewSession(props: {
  initialCards: StudyCard[]
  initialCounts: TodayCounts
  prefetch: number
  timeZone: string
  /** The `lang` of the section titles the cards carry (English for "both"). */
  sectionTitleLang: 'en' | 'zh-Hans'
}) {
  const t = useTranslations('review')
  const tClaim = useTranslations('claim')
  const tStudy = useTranslations('study')
  const [queue, setQueue] = useState<StudyCard[]>(props.initialCards)
  const [revealed, setRevealed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  /** What the live region reads: the card's own HTML, whose parts carry their language. */
  const [announcement, setAnnouncement] = useState<{ kind: 'question' | 'answer'; html: string } | null>(null)
  const [reviewedCount, setReviewedCount] = useState(0)
  const [pendingCount, setPendingCount] = useState(0)
  const [nextDueAt, setNextDueAt] = useState(props.initialCounts.nextDueAt)
  const shownAt = useRef(performance.now())
  const pending = useRef(new Map<string, Pending>())
  /** Cards graded here, with the version they were graded at: a copy from the server at that version or older is
   * stale (its grade may still be in flight), so it is never shown again. */
  const gradedHere = useRef(new Map<string, number>())
  const transitionStart = useRef<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const card = queue[0] ?? null

  const freshCards = useCallback((cards: StudyCard[]) => {
    return cards.filter((c) => {
      const gradedVersion = gradedHere.current.get(c.cardId)
      return gradedVersion === undefined || c.version > gradedVersion
    })
  }, [])

  const reload = useCallback(async () => {
    try {
      const res = await fetch(`/api/queue?limit=${props.prefetch}`, { cache: 'no-store' })
      if (res.status === 401) {
        setNotice(t('signedOutReload'))
        return
      }
      if (!res.ok) return
      const body = (await res.json()) as { cards: StudyCard[]; counts: TodayCounts }
      setNextDueAt(body.counts.nextDueAt)
      setQueue((current) => {
        const head = current[0]
        const incoming = freshCards(body.cards)
        // Keep the card on screen if it is still due, so the person is not interrupted mid-answer.
        if (head && incoming.some((c) => c.cardId === head.cardId)) return [head, ...incoming.filter((c) => c.cardId !== head.cardId)]
        return incoming
      })
    } catch {
      /* offline: the current queue stays; the next grade retries */
    }
  }, [freshCards, props.prefetch, t])

  const send = useCallback(
    async (grade: Pending, attempt = 0): Promise<void> => {
      try {
        const res = await fetch('/api/reviews', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(grade),
        })
        if (res.status === 401) {
          setNotice(t('signedOutSend'))
          throw new Error('signed out')
        }
        if (res.status >= 500) throw new Error(`status ${res.status}`)
        // "Saved" only once the answer is read: a body cut off is retried (a replay, under the same reviewId).
        const body = res.ok ? ((await res.json()) as { next: StudyCard[] }) : null
        pending.current.delete(grade.reviewId)
        setPendingCount(pending.current.size)
        if (body) {
          setQueue((current) => followServer(current, freshCards(body.next)))
          return
        }
        // The API's own error text is for developers; the person reads why in their language.
        setNotice(res.status === 409 ? t('notSavedStale') : res.status === 404 ? t('notSavedGone') : t('notSavedOther', { status: res.status }))
        gradedHere.current.delete(grade.cardId)
        await reload()
      } catch {
        // Lost response or server down: the same reviewId makes the retry safe.
        const delay = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** attempt)
        await new Promise((r) => setTimeout(r, delay))
        return send(grade, attempt + 1)
      }
    },
    [freshCards, reload, t],
  )

  const reveal = useCallback(() => {
    if (!card || revealed) return
    setRevealed(true)
    setAnnouncement({ kind: 'answer', html: hasText(card.answerHtml) ? card.answerHtml : card.promptHtml })
  }, [card, revealed])

  const grade = useCallback(
    (rating: Grade) => {
      if (!card || !revealed) return
      transitionStart.current = performance.now()
      const entry: Pending = {
        reviewId: crypto.randomUUID(),
        cardId: card.cardId,
        rating,
        version: card.version,
        durationMs: Math.round(performance.now() - shownAt.current),
      }
      pending.current.set(entry.reviewId, entry)
      gradedHere.current.set(card.cardId, card.version)
      setPendingCount(pending.current.size)
      setReviewedCount((n) => n + 1)
      setRevealed(false)
      setQueue((current) => current.slice(1))
      void send(entry)
    },
    [card, revealed, send],
  )

  // Announce the next card and note when it was painted (card-to-card time).
  useLayoutEffect(() => {
    shownAt.current = performance.now()
    if (card) setAnnouncement({ kind: 'question', html: card.promptHtml })
    const start = transitionStart.current
    if (start !== null) {
      requestAnimationFrame(() => {
        rootRef.current?.setAttribute('data-last-transition-ms', (performance.now() - start).toFixed(1))
      })
      transitionStart.current = null
    }
  }, [card?.cardId, card?.version]) // eslint-disable-line react-hooks/exhaustive-deps

  // Refill before the queue runs dry.
  useEffect(() => {
    if (queue.length <= 2) void reload()
  }, [queue.length, reload])

  useAnswerKeys(revealed, reveal, grade)

  // Warn before leaving with answers not yet saved.
  useEffect(() => {
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (pending.current.size > 0) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])

  return (
    <div ref={rootRef} data-testid="review-session">
      <div className="review-meta">
        <span>{t('answered', { count: reviewedCount })}</span>
        <span aria-live="polite">{pendingCount > 0 ? t('saving', { count: pendingCount }) : reviewedCount > 0 ? t('allSaved') : ''}</span>
      </div>
      {notice ? (
        <div role="alert" className="notice">
          {notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>{t('dismiss')}</button>
        </div>
      ) : null}
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement ? t.rich(announcement.kind === 'question' ? 'announceQuestion' : 'announceAnswer', { card: () => <span dangerouslySetInnerHTML={{ __html: announcement.html }} /> }) : null}
      </div>
      {card ? (
        <article className="card-surface" aria-labelledby="card-prompt" style={{ marginTop: '1rem' }}>
          <p className="muted" style={{ marginTop: 0 }}>
            {card.state === 'new' ? t('stateNew') : card.state === 'review' ? t('stateReview') : t('stateLearning')} · {card.kind === 'cloze' ? t('kindCloze') : t('kindBasic')}
          </p>
          <h2 id="card-prompt" className="prompt" dangerouslySetInnerHTML={{ __html: card.promptHtml }} />
          {revealed ? (
            <>
              <div className="answer">
                <h3 className="sr-only">{t('answerHeading')}</h3>
                {card.kind === 'basic' ? <div dangerouslySetInnerHTML={{ __html: card.answerHtml }} /> : <div dangerouslySetInnerHTML={{ __html: card.answerHtml }} />}
                <p className="muted" style={{ fontSize: '1rem' }}>
                  <strong>{tClaim('label')}</strong> <span dangerouslySetInnerHTML={{ __html: card.claim.html }} />
                </p>
                <p className="muted" style={{ fontSize: '1rem' }}>
                  <strong>{tClaim('why')}</strong> <span dangerouslySetInnerHTML={{ __html: card.claim.whyHtml }} />
                </p>
                {/* Only after the answer: some cards ask which part of the interview argues a point. */}
                <p style={{ fontSize: '1rem' }}>
                  <Link href={`/sections/${card.section.id}#${card.claim.id}`}>
                    {t.rich('sectionLink', { id: card.section.id, title: () => <span lang={props.sectionTitleLang}>{card.section.title}</span> })}
                  </Link>
                </p>
              </div>
              <div className="grade-buttons" role="group" aria-label={t('gradesLabel')}>
                {GRADES.map((g) => {
                  const name = t(g.key)
                  // The API sends a language-neutral code ("10m"); the catalogue words it ("10m", "10分钟").
                  const code = card.intervals[g.rating]
                  const interval = parseIntervalCode(code)
                  const label = interval ? t('interval', interval) : code
                  return (
                    // Heard as "Good, 10m"; the visible words are the same, so speech input finds the button too.
                    <button key={g.rating} type="button" className={g.key} aria-label={t('gradeWithInterval', { grade: name, interval: label })} aria-keyshortcuts={String(g.rating)} onClick={() => grade(g.rating)}>
                      {name} <br />
                      <span className="interval">{label}</span>
                    </button>
                  )
                })}
              </div>
              <p className="kbd-hint">{t('keysAfter')}</p>
            </>
          ) : (
            <>
              <button type="button" className="primary" data-reveal="1" aria-keyshortcuts="Space Enter" onClick={reveal} style={{ marginTop: '1rem' }} autoFocus>
                {t('showAnswer')}
              </button>
              <p className="kbd-hint">{t('keysBefore')}</p>
            </>
          )}
        </article>
      ) : (
        <section className="card-surface" style={{ marginTop: '1rem' }} aria-labelledby="done-heading">
          <h2 id="done-heading">{t('doneHeading')}</h2>
          <p>{nextDueAt ? tStudy.rich('nextDue', { due: () => <DueTime iso={nextDueAt} timeZone={props.timeZone} /> }) : t('nothingScheduled')}</p>
          <p><Link href="/">{t('backHome')}</Link></p>
        </section>
      )}
    </div>
  )
}

/** Whether HTML shows any text (a cloze's answer side may be empty). */
function hasText(html: string): boolean {
  return html.replace(/<[^>]+>/g, '').trim() !== ''
}
