'use client'
/**
 * A passage's review area (issue #38): each claim the passage places, with its card to answer here or its cards
 * already in the reviews; "Answer these cards" makes this the answering area (one at a time), where each card shows
 * with the review screen's own card, keys, operations and answer sender — the answer is a real first answer through
 * POST /api/reviews. A card forgotten here comes back in the next area of the section once its step is over (the
 * server says which: lib/core/reading.ts); when today's new-card limit is reached the area says so and offers to
 * keep reading. Without JavaScript the area says it needs it; the text above reads all the same.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useFormatter, useTranslations } from 'next-intl'
import type { TitlePart } from '@/lib/core/display-language'
import { parseIntervalCode } from '@/lib/core/interval'
import type { StudyCard } from '@/lib/data/study-service'
import type { GradeBody } from '@/lib/client/review-queue'
import { GRADE_KEYS, type Grade } from '@/app/ui/answer-keys'
import { ReviewCard, hasText } from '@/app/review/review-card'
import { useReviewKeys } from '@/app/review/review-keys'
import { LiveAnnouncement, StudyOpsBar, type Announcement } from '@/app/review/session-status'
import { REVIEW_SHORTCUTS, ShortcutsDialog, type ShortcutsDialogHandle } from '@/app/ui/shortcuts-dialog'
import { useQuestionAnnouncement } from '@/app/ui/question-announcement'
import { useReader } from './reader-context'

const noSubscription = () => () => {}
/** Whether the page runs its script (false in the server's HTML and without JavaScript). */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false)

type AnsweredHere = { reviewId: string; cardId: string; wasNew: boolean }

export function ReviewArea({ passage, last, nextHref, sectionTitleLang, claimNumbers }: {
  passage: number
  /** The section's last area: a card forgotten here is left to the review queue. */
  last: boolean
  /** Where "Keep reading" leads: the next passage, or the next section. */
  nextHref: string
  sectionTitleLang: TitlePart['lang'] | undefined
  /** Each claim's number in the section, as its marker shows it. */
  claimNumbers: Record<string, number>
}) {
  const t = useTranslations('readingArea')
  const tr = useTranslations('review')
  const format = useFormatter()
  const reader = useReader()
  const hydrated = useHydrated()
  const area = reader.areas.areas[passage]
  const active = reader.active === passage
  const [answered, setAnswered] = useState<AnsweredHere[]>([])
  const [setAside, setSetAside] = useState<ReadonlySet<string>>(new Set())
  const [revealed, setRevealed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState<Announcement>(null)
  const [canUndo, setCanUndo] = useState(false)
  const [busy, setBusy] = useState(false)
  const shortcuts = useRef<ShortcutsDialogHandle>(null)
  const shownAt = useRef(0)
  const headingRef = useRef<HTMLHeadingElement>(null)
  /** "Keep reading" was pressed and waits for the answers to be sent (a second press adds no second departure). */
  const leaving = useRef(false)

  // The cards still to answer here: each claim's card offered, then the cards forgotten above; never one answered or
  // set aside here (a card forgotten here is the next area's), nor a new one past today's limit.
  const answeredIds = new Set(answered.map((a) => a.cardId))
  const todo = area ? [...area.claims.flatMap((c) => (c.offer ? [c.offer] : [])), ...area.retries].filter((c) => !answeredIds.has(c.cardId) && !setAside.has(c.cardId)) : []
  let newAllowed = reader.newLeft
  const answerable = todo.filter((c) => c.state !== 'new' || newAllowed-- > 0)
  const heldByLimit = answerable.length < todo.length
  const card: StudyCard | null = active ? (answerable[0] ?? null) : null

  const intervalLabel = useCallback(
    (code: string) => {
      const interval = parseIntervalCode(code)
      return interval ? tr('interval', interval) : code
    },
    [tr],
  )

  const reveal = useCallback(() => {
    if (!card || revealed) return
    setRevealed(true)
    setAnnouncement({ kind: 'answer', html: hasText(card.answerHtml) ? card.answerHtml : card.promptHtml })
  }, [card, revealed])

  const grade = useCallback(
    (rating: Grade) => {
      if (!card || !revealed) return
      const { sender, clock } = reader
      const body: GradeBody = { reviewId: crypto.randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs: Math.round(performance.now() - shownAt.current), answeredAt: new Date(clock.nowMs()).toISOString(), day: card.day, interval: card.intervals[rating] }
      const wasNew = card.state === 'new'
      setAnswered((a) => [...a, { reviewId: body.reviewId, cardId: card.cardId, wasNew }])
      if (wasNew) reader.countNew(1)
      setRevealed(false)
      setNotice(null)
      const said = t('answeredAs', { grade: tr(GRADE_KEYS[rating - 1]!.key), interval: intervalLabel(card.intervals[rating]) })
      setStatus(rating === 1 ? `${said} ${last ? t('againToQueue') : t('againComesBack')}` : said)
      void sender.send({ id: body.reviewId, cardId: card.cardId, version: card.version, body }).then((outcome) => {
        if (outcome.kind === 'saved') {
          setCanUndo(true)
          return
        }
        // Not applied: the card is to answer again (or waits, over the limit).
        setAnswered((a) => a.filter((x) => x.reviewId !== body.reviewId))
        if (wasNew) reader.countNew(-1)
        setStatus(null)
        const refusal = outcome.kind === 'refused' ? outcome : null
        const reason = refusal?.status === 409 ? refusal.reply.reason : undefined
        if (reason === 'limit-reached') {
          reader.limitReached()
          return
        }
        if (refusal) {
          const { status: code } = refusal
          setNotice(reason === 'day-changed' ? tr('dayChanged') : reason === 'interval-changed' ? tr('intervalChanged') : code === 409 ? tr('notSavedStale') : code === 404 ? tr('notSavedGone') : code === 401 ? tr('signedOutSend') : tr('notSavedOther', { status: code }))
        }
        void reader.refresh()
      })
    },
    [card, intervalLabel, last, reader, revealed, t, tr],
  )

  /** Posts one of the study operations after the answers still being sent (so an undo takes back the last of them). */
  const operate = useCallback(
    (body: Record<string, unknown>, after: (res: Response, json: Record<string, unknown>) => void) => {
      setBusy(true)
      void reader.sender.after(async () => {
        try {
          const res = await fetch('/api/study-ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
          after(res, res.status === 401 ? {} : ((await res.json()) as Record<string, unknown>))
        } catch {
          setNotice(tr('opFailed'))
        } finally {
          setBusy(false)
        }
      })
    },
    [reader.sender, tr],
  )

  /** Takes back the study day's newest answer (Z): an answer given here comes back to answer again. */
  const undo = useCallback(() => {
    if (busy) return
    operate({ op: 'undo' }, (res, body) => {
      if (!res.ok) {
        setNotice(res.status === 401 ? tr('signedOutSend') : tr('undoRefused'))
        return
      }
      setCanUndo(body.next !== null)
      if (!body.undone) return
      const mine = answered.find((a) => a.reviewId === body.undone)
      if (mine) {
        setAnswered((a) => a.filter((x) => x.reviewId !== mine.reviewId))
        if (mine.wasNew) reader.countNew(-1)
      }
      setSetAside((s) => {
        const back = new Set(s)
        if (typeof (body.card as StudyCard | null)?.cardId === 'string') back.delete((body.card as StudyCard).cardId)
        return back
      })
      setRevealed(false)
      setStatus(tr('undone'))
      void reader.refresh()
    })
  }, [answered, busy, operate, reader, tr])

  /** Buries (-) or suspends (@) the card on screen; both can be undone. */
  const putAside = useCallback(
    (op: 'bury' | 'suspend') => {
      if (!card || busy) return
      const shown = card
      operate({ op, id: crypto.randomUUID(), cardId: shown.cardId, version: shown.version }, (res) => {
        if (!res.ok) {
          setNotice(res.status === 401 ? tr('signedOutSend') : res.status === 409 ? tr('notSavedStale') : tr('opFailed'))
          void reader.refresh()
          return
        }
        setSetAside((s) => new Set([...s, shown.cardId]))
        setRevealed(false)
        setCanUndo(true)
        setStatus(op === 'bury' ? tr('buried') : tr('suspended'))
      })
    },
    [busy, card, operate, reader, tr],
  )

  const openShortcuts = useCallback(() => shortcuts.current?.open(), [])
  const cardKey = useQuestionAnnouncement(card, setAnnouncement)
  useLayoutEffect(() => {
    shownAt.current = performance.now()
  }, [cardKey])

  // While answering here, a card forgotten above whose step is not over yet is fetched when it is.
  const retryAt = area?.retryAt ?? null
  const { refresh, clock } = reader
  useEffect(() => {
    if (!active || !retryAt) return
    const timer = setTimeout(() => void refresh(), Math.min(86_400_000, Math.max(0, Date.parse(retryAt) - clock.nowMs()) + 500))
    return () => clearTimeout(timer)
  }, [active, clock, refresh, retryAt])

  if (!area) return null
  const headingId = `area-${passage + 1}-heading`
  const start = async () => {
    reader.setActive(passage)
    setStatus(null)
    // The cards as they are now: answers elsewhere, a card forgotten above whose step is over.
    await reader.refresh()
  }
  const keepReading = () => {
    const { pending, state } = reader.sender.snapshot()
    // Another passage of this page (a #passage anchor) leaves nothing: the answers go on being sent. Another page
    // would lose an answer still on its way, so the page goes once it is sent, saying meanwhile that it is saving;
    // when it cannot be sent now (offline, signed out) it goes at once, and the browser asks first (useUnsavedWarning).
    if (nextHref.startsWith('#') || pending === 0 || state === 'offline' || state === 'signed-out') {
      reader.setActive(null)
      window.location.assign(nextHref)
      return
    }
    if (leaving.current) return
    leaving.current = true
    void reader.sender.after(async () => window.location.assign(nextHref))
  }

  return (
    <section className="review-area card-surface" aria-labelledby={headingId} data-passage={passage + 1}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>{t('areaHeading', { passage: passage + 1 })}</h3>
      <ul className="area-claims">
        {area.claims.map((c) => (
          <li key={c.claimId}>
            <span className="area-claim-number">{t('claimNumber', { number: claimNumbers[c.claimId] ?? 0 })}</span>{' '}
            {c.begun.length > 0 ? (
              <span>
                {t('inReviews')}{' '}
                {c.begun.map((b, i) => (
                  <span key={b.cardId} className="muted">
                    {i > 0 ? ', ' : ''}
                    {b.suspended ? t('stateSuspended') : t('begunState', { state: b.state, due: format.relativeTime(new Date(b.dueAt), new Date(reader.areasNow)) })}
                  </span>
                ))}
              </span>
            ) : answeredIds.has(c.offer?.cardId ?? '') ? (
              <span>{t('answeredHere')}</span>
            ) : c.offer ? (
              <span>{t('toAnswer')}</span>
            ) : (
              <span className="muted">{t('noCard')}</span>
            )}
          </li>
        ))}
      </ul>
      {area.retries.length > 0 ? <p>{t('retries', { count: area.retries.length })}</p> : null}
      {area.retryAt && !last ? <p className="muted">{t('retryLater', { at: format.dateTime(new Date(area.retryAt), { hour: 'numeric', minute: '2-digit', second: '2-digit' }) })}</p> : null}
      <noscript>
        <p className="notice">{t('needsScript')}</p>
      </noscript>
      {notice ? (
        <div role="alert" className="notice">
          {notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>{tr('dismiss')}</button>
        </div>
      ) : null}
      <p className="muted" role="status" aria-live="polite" style={{ minHeight: '1.5em' }}>
        {status}
        {reader.sending.pending > 0 && active ? ` ${tr('saving', { count: reader.sending.pending })}` : ''}
      </p>
      {heldByLimit && (active || answerable.length === 0) ? (
        <div className="notice" role="note">
          <p>{t('limitReached', { count: reader.areas.newPerDay })}</p>
          <p><button type="button" onClick={keepReading}>{t('keepReadingWithout')}</button></p>
        </div>
      ) : null}
      {!hydrated ? null : active ? (
        <>
          <StudyOpsBar canUndo={canUndo} busy={busy} hasCard={card !== null} undo={undo} setAside={putAside} openShortcuts={openShortcuts} />
          <ShortcutsDialog ref={shortcuts} shortcuts={REVIEW_SHORTCUTS} />
          <LiveAnnouncement announcement={announcement} />
          <AreaKeys revealed={revealed} reveal={reveal} grade={grade} undo={undo} setAside={putAside} openShortcuts={openShortcuts} />
          {card ? (
            <ReviewCard card={card} revealed={revealed} reveal={reveal} grade={grade} sectionTitleLang={sectionTitleLang} />
          ) : (
            <p>
              {answered.length > 0 ? t('areaDone', { count: answered.length }) : null}{' '}
              <button type="button" className="primary" onClick={keepReading}>{t('keepReading')}</button>
            </p>
          )}
        </>
      ) : answerable.length > 0 ? (
        <p><button type="button" className="primary" onClick={() => void start()}>{t('answerHere', { count: answerable.length })}</button></p>
      ) : null}
    </section>
  )
}

/** The review screen's keys, only while this area is the one answering. */
function AreaKeys(keys: Parameters<typeof useReviewKeys>[0]) {
  useReviewKeys(keys)
  return null
}
