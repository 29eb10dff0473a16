'use client'
/**
 * The review screen. One card at a time; the next card shows at once after a grade, while the grade goes to the
 * server in the background through the answer sender (lib/client/answer-sender.ts: in order, each retried under its
 * reviewId until the server has it). A grade carries the moment it was answered, on the server's clock, and the study
 * day its buttons were computed for. Its answer carries the server's next cards, which replace what follows the card
 * on screen (the server knows the day's limits and buried siblings). A refusal shows a notice: "the day changed"
 * and "the interval changed" show the card again with fresh buttons; the others reload the queue. When the study day
 * turns, or when the card on screen's intervals stop being what its answers apply (a learning step would end in the
 * next study day), the queue is reloaded, so the buttons on screen say what they do.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import type { DaySummary, StudyCard, TodayCounts } from '@/lib/data/study-service'
import { followServer } from '@/lib/core/queue'
import type { TitlePart } from '@/lib/core/display-language'
import { browserAnswerSender, ServerClock, type AnswerOutcome } from '@/lib/client/answer-sender'
import { fetchQueue, freshCards, refilled, showFirst, type GradeBody, type Graded, type GradeRefusal } from '@/lib/client/review-queue'
import type { Grade } from '@/app/ui/answer-keys'
import { REVIEW_SHORTCUTS, ShortcutsDialog, type ShortcutsDialogHandle } from '@/app/ui/shortcuts-dialog'
import { FinishLine, TodayProgress, useFinishLine } from './finish-line'
import { hasText, ReviewCard } from './review-card'
import { LeechNotice } from './leech-notice'
import { LiveAnnouncement, SessionStatus, StudyOpsBar, type Announcement } from './session-status'
import { useReloadTimers, useReviewKeys } from './review-keys'
import { useUnsavedWarning } from '@/app/ui/unsaved-warning'
import { useAnswerSender } from '@/app/ui/use-answer-sender'
import { useQuestionAnnouncement } from '@/app/ui/question-announcement'
import { useOfflineDay } from './use-offline-day'
import { OfflineStatus } from './offline-status'

/** What is left in today's queue by the server's counts. */
const leftOf = (counts: TodayCounts) => counts.new + counts.learning + counts.review

export function ReviewSession(props: {
  /** The signed-in person: their offline day and outbox are kept under their id (issue #37). */
  userId: string
  initialCards: StudyCard[]
  initialCounts: TodayCounts
  /** What today's answers came to when the page was made (progress and the finish line). */
  initialToday: DaySummary
  /** Whether the study day has an answer or a change to undo (the Undo button, after a reload too). */
  canUndo: boolean
  /** The server's now when the page was made: answers are dated on the server's clock. */
  serverNow?: string
  prefetch: number
  timeZone: string
  /** The `lang` of the section titles the cards carry (none for "both": lib/core/display-language.ts). */
  sectionTitleLang: TitlePart['lang'] | undefined
}) {
  const t = useTranslations('review')
  const [queue, setQueue] = useState<StudyCard[]>(props.initialCards)
  const [revealed, setRevealed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  /** What an operation did, said politely (not an alert): "Buried until the next study day." */
  const [status, setStatus] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState<Announcement>(null)
  const [reviewedCount, setReviewedCount] = useState(0)
  /** Queue refills on their way (each may bring cards): the finish line waits for them. */
  const [refilling, setRefilling] = useState(0)
  const [nextDueAt, setNextDueAt] = useState(props.initialCounts.nextDueAt)
  const [heldBack, setHeldBack] = useState(props.initialCounts.heldBack)
  const [dayEndsAt, setDayEndsAt] = useState(props.initialCounts.dayEndsAt)
  const [today, setToday] = useState(props.initialToday)
  /** Done and left today: the server's numbers as last read, moved by each grade on this page since. */
  const [progress, setProgress] = useState({ done: props.initialToday.answers, left: leftOf(props.initialCounts) })
  /** Grades this page counts as made (less those refused or undone): tells a reload's numbers which grades they miss. */
  const gradesMade = useRef(0)
  /**
   * How many times a server's answer ordered the queue (a grade's next cards, a card shown again): a reload read
   * before the latest of them is older than the queue on screen (refilled).
   */
  const serverOrders = useRef(0)
  const countGrade = useCallback((n: 1 | -1) => {
    gradesMade.current += n
    setReviewedCount((c) => Math.max(0, c + n))
    setProgress((p) => ({ done: Math.max(0, p.done + n), left: Math.max(0, p.left - n) }))
  }, [])
  const [clock] = useState(() => new ServerClock(props.serverNow))
  const offline = useOfflineDay(props.userId)
  // Its functions are stable (the screen's callbacks depend on them, not on the object, which changes with its state).
  const { queue: deviceQueue, counts: deviceCounts, apply: applyOnDevice, settled: settledOnDevice, undoWaiting, restore, refresh: refreshDevice, packMadeAt, keptServerNow } = offline
  const [sender, sending] = useAnswerSender(() => browserAnswerSender<GradeBody, Graded, GradeRefusal>({ url: '/api/reviews', clock, store: offline.answerStore }))
  /** Offline: the browser says so, or the last attempt to send found no connection. The screen then goes on from the device. */
  const offlineNow = !offline.online || sending.state === 'offline'
  const isOffline = useCallback(() => !navigator.onLine || sender.snapshot().state === 'offline', [sender])
  const [canUndo, setCanUndo] = useState(props.canUndo)
  const [busy, setBusy] = useState(false)
  /** A card this person just made a leech (suspended), told once with its claim and a way to bring it back. */
  const [leech, setLeech] = useState<{ card: StudyCard; version: number } | null>(null)
  const shownAt = useRef(0) // set when each card is painted
  /** The review ids of the grades made on this page (an undo of one of them uncounts it). */
  const gradedIds = useRef(new Set<string>())
  /** Cards graded here, with the version they were graded at: a copy from the server at that version or older is
   * stale (its grade may still be in flight), so it is never shown again. */
  const gradedHere = useRef(new Map<string, number>())
  const transitionStart = useRef<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const doneHeadingRef = useRef<HTMLHeadingElement>(null)
  const shortcuts = useRef<ShortcutsDialogHandle>(null)
  const card = queue[0] ?? null

  /** The queue and counts from the offline day on the device (false when there is none). */
  const fromDevice = useCallback((): boolean => {
    const nowMs = clock.nowMs()
    const cards = deviceQueue(props.prefetch, nowMs)
    const counts = deviceCounts(nowMs)
    if (!cards || !counts) return false
    setQueue(cards)
    setNextDueAt(counts.nextDueAt)
    setHeldBack(counts.heldBack)
    setDayEndsAt(counts.dayEndsAt)
    setProgress((p) => ({ done: p.done, left: leftOf(counts) }))
    return true
  }, [clock, deviceCounts, deviceQueue, props.prefetch])

  /** Reads the queue again; the cards it brought (null when it brought none: offline, signed out, or an answer came meanwhile). */
  const reload = useCallback(async (): Promise<StudyCard[] | null> => {
    // Offline the answers wait (the sender would not settle them): the device's day says what comes next.
    if (isOffline() && fromDevice()) return null
    setRefilling((n) => n + 1)
    try {
      // After the grades still being sent: the server then counts them all (a new card over the limit never shows).
      await sender.after(async () => {})
      const madeBefore = gradesMade.current
      const ordersBefore = serverOrders.current
      const body = await fetchQueue(props.prefetch, clock)
      if (body === 'signed-out') setNotice(t('signedOutReload'))
      // null: offline or the server failed; the device's day goes on (else the current queue stays, the next grade retries).
      if (body === null && isOffline()) fromDevice()
      if (body === 'signed-out' || body === null) return null
      // Grades made while this was on its way may be missing from the server's numbers.
      const since = gradesMade.current - madeBefore
      setToday(body.today)
      setProgress({ done: body.today.answers + since, left: Math.max(0, leftOf(body.counts) - since) })
      setNextDueAt(body.counts.nextDueAt)
      setHeldBack(body.counts.heldBack)
      setDayEndsAt(body.counts.dayEndsAt)
      const orderedSince = serverOrders.current !== ordersBefore
      setQueue((current) => refilled(current, freshCards(body.cards, gradedHere.current), orderedSince))
      // An older read than the queue on screen says nothing of the card shown (relabel).
      return orderedSince ? null : body.cards
    } finally {
      setRefilling((n) => n - 1)
    }
  }, [clock, fromDevice, isOffline, props.prefetch, sender, t])

  /** What the server made of a grade given here: the result handling of the review screen, in one place. */
  const answered = useCallback(
    (grade: GradeBody, graded: StudyCard, outcome: AnswerOutcome<Graded, GradeRefusal>) => {
      settledOnDevice(grade, outcome, graded.promptHtml)
      // Taken back while it waited (undo offline): the undo counted it out.
      if (outcome.kind === 'withdrawn') return
      if (outcome.kind === 'saved') {
        const reply = outcome.reply
        setCanUndo(true)
        if (reply.leech && reply.state) setLeech({ card: graded, version: reply.state.version })
        serverOrders.current++
        setQueue((current) => followServer(current, freshCards(reply.next ?? [], gradedHere.current)))
        return
      }
      // Not applied: it no longer counts as answered here.
      gradedIds.current.delete(grade.reviewId)
      countGrade(-1)
      const refusal = outcome.kind === 'refused' ? outcome : null
      const reason = refusal?.status === 409 ? refusal.reply.reason : undefined
      if ((reason === 'day-changed' || reason === 'interval-changed') && refusal?.reply.card) {
        // Never applied differently from what its button said: the card comes back with the buttons as they are now.
        const again = refusal.reply.card
        gradedHere.current.delete(grade.cardId)
        setNotice(t(reason === 'day-changed' ? 'dayChanged' : 'intervalChanged'))
        setRevealed(false)
        serverOrders.current++
        setQueue((current) => showFirst(again, current))
        return
      }
      // The API's own error text is for developers; the person reads why in their language. (A grade dropped with an
      // earlier refused one of its card was told by that one's notice.)
      if (refusal) {
        const { status, reply } = refusal
        setNotice(status === 409 && reply.reason === 'limit-reached' ? t('limitReached') : status === 409 ? t('notSavedStale') : status === 404 ? t('notSavedGone') : t('notSavedOther', { status }))
      }
      // The reload shows the card as it is now, if it is due (a card over the limit stays away).
      if (refusal?.reply.reason !== 'limit-reached') gradedHere.current.delete(grade.cardId)
      void reload()
    },
    [countGrade, reload, settledOnDevice, t],
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
      const durationMs = Math.round(performance.now() - shownAt.current)
      const body: GradeBody = { reviewId: crypto.randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs, answeredAt: new Date(clock.nowMs()).toISOString(), day: card.day, interval: card.intervals[rating] }
      // Applied to the day on the device first (as the server will apply it). Offline the device decides: buttons
      // that changed show the card again relabelled; after the rollover the day is over until the connection is back.
      const local = applyOnDevice(body)
      if (isOffline() && local.kind === 'refused' && (local.reason === 'interval-changed' || local.reason === 'day-over')) {
        setRevealed(false)
        if (local.reason === 'day-over') setNotice(t('offlineDayOver'))
        else setStatus(t('intervalsRelabelled'))
        fromDevice()
        return
      }
      if (local.kind === 'applied') setCanUndo(true)
      gradedIds.current.add(body.reviewId)
      setStatus(null)
      gradedHere.current.set(card.cardId, card.version)
      countGrade(1)
      setRevealed(false)
      setQueue((current) => current.slice(1))
      void sender.send({ id: body.reviewId, cardId: card.cardId, version: card.version, body }).then((outcome) => answered(body, card, outcome))
      // Offline the next cards are the device's (a learning card comes back when its step is over).
      if (isOffline()) fromDevice()
    },
    [answered, applyOnDevice, card, clock, countGrade, fromDevice, isOffline, revealed, sender, t],
  )

  /** Posts one of the study operations after the grades still being sent (so an undo takes back the last of them). */
  const operate = useCallback(
    (body: Record<string, unknown>, after: (res: Response, json: Record<string, unknown>) => void) => {
      setBusy(true)
      void sender.after(async () => {
        try {
          const res = await fetch('/api/study-ops', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
          after(res, res.status === 401 ? {} : ((await res.json()) as Record<string, unknown>))
        } catch {
          setNotice(t('opFailed'))
        } finally {
          setBusy(false)
        }
      })
    },
    [sender, t],
  )

  /** Takes back the day's newest answer or change (Z, Ctrl+Z): its card is shown again, as it was. */
  const undo = useCallback(() => {
    if (busy) return
    // An answer still waiting to be sent is taken back on the device: it is never sent.
    const withdrawn = undoWaiting(sender, clock.nowMs())
    if (withdrawn) {
      if (gradedIds.current.delete(withdrawn.reviewId)) countGrade(-1)
      setLeech(null)
      setStatus(t('undone'))
      setCanUndo(sender.pending().length > 0 || !isOffline())
      const again = withdrawn.card
      if (again) {
        gradedHere.current.delete(again.cardId)
        setRevealed(false)
        setQueue((current) => showFirst(again, current))
      }
      return
    }
    // Offline only answers still waiting can be taken back: the others are the server's.
    if (isOffline()) {
      setNotice(t('offlineUndoSent'))
      return
    }
    operate({ op: 'undo' }, (res, body) => {
      if (!res.ok) {
        setNotice(res.status === 401 ? t('signedOutSend') : t('undoRefused'))
        return
      }
      setCanUndo(body.next !== null)
      const again = body.card as StudyCard | null
      if (!body.undone) return
      // An answer given on this page no longer counts; anything else (a bury, an answer from before a reload): the
      // server's numbers say what is left.
      if (gradedIds.current.delete(body.undone as string)) countGrade(-1)
      else void reload()
      setLeech(null)
      setStatus(t('undone'))
      if (again) {
        gradedHere.current.delete(again.cardId)
        setRevealed(false)
        serverOrders.current++
        setQueue((current) => showFirst(again, current))
      } else void reload()
    })
  }, [busy, clock, countGrade, isOffline, operate, reload, sender, t, undoWaiting])

  /** Buries (-) or suspends (@) the card on screen; both can be undone. */
  const setAside = useCallback(
    (op: 'bury' | 'suspend') => {
      if (!card || busy) return
      // They would wait behind the answers not yet sent (operate): offline they are not offered.
      if (isOffline()) {
        setNotice(t('offlineNeedsConnection'))
        return
      }
      const shown = card
      gradedHere.current.set(shown.cardId, shown.version)
      setRevealed(false)
      setQueue((current) => current.filter((c) => c.cardId !== shown.cardId))
      operate({ op, id: crypto.randomUUID(), cardId: shown.cardId, version: shown.version }, (res) => {
        if (res.ok) {
          setCanUndo(true)
          setStatus(op === 'bury' ? t('buried') : t('suspended'))
          return
        }
        gradedHere.current.delete(shown.cardId)
        setNotice(res.status === 401 ? t('signedOutSend') : res.status === 409 ? t('notSavedStale') : t('opFailed'))
        void reload()
      })
    },
    [busy, card, isOffline, operate, reload, t],
  )

  /** The leech notice's "Bring it back": resumes the card (it comes back with its reviews). */
  const bringBack = useCallback(() => {
    if (!leech) return
    if (isOffline()) {
      setNotice(t('offlineNeedsConnection'))
      return
    }
    const { card: leechCard, version } = leech
    operate({ op: 'resume', id: crypto.randomUUID(), cardId: leechCard.cardId, version }, (res) => {
      if (!res.ok) {
        setNotice(t('opFailed'))
        return
      }
      setLeech(null)
      setCanUndo(true)
      setStatus(t('broughtBack'))
      gradedHere.current.delete(leechCard.cardId)
      void reload()
    })
  }, [isOffline, leech, operate, reload, t])

  // Announce the next card and note when it was painted (card-to-card time).
  const cardKey = useQuestionAnnouncement(card, setAnnouncement)
  useLayoutEffect(() => {
    shownAt.current = performance.now()
    const start = transitionStart.current
    if (start !== null) {
      requestAnimationFrame(() => {
        rootRef.current?.setAttribute('data-last-transition-ms', (performance.now() - start).toFixed(1))
      })
      transitionStart.current = null
    }
  }, [cardKey])

  const { finished, finishShown } = useFinishLine({ empty: !card, waiting: sending.pending + refilling, answers: progress.done, headingRef: doneHeadingRef, announce: setAnnouncement })

  // Refill before the queue runs dry.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a fetch from the server (an external system); its first setState only marks the refill in flight
    if (queue.length <= 2) void reload()
  }, [queue.length, reload])

  /** The card on screen's buttons as they are now (at its intervalsValidUntil); said when they changed. */
  const relabel = useCallback(async () => {
    const shown = card
    const cards = await reload()
    const again = shown && cards?.find((c) => c.cardId === shown.cardId && c.version === shown.version)
    if (again && JSON.stringify(again.intervals) !== JSON.stringify(shown.intervals)) setStatus(t('intervalsRelabelled'))
  }, [card, reload, t])
  useReloadTimers({ dayEndsAt, nextDueAt, empty: !card, reload, serverNowMs: clock.nowMs, card, relabel })
  const openShortcuts = useCallback(() => shortcuts.current?.open(), [])
  useReviewKeys({ revealed, reveal, grade, undo, setAside, openShortcuts })
  // Warn before leaving with answers not yet saved.
  useUnsavedWarning(() => sender.pending().length > 0)

  // Once the device's store is open: answers kept from an earlier page are sent (in order), and the screen goes on
  // from the device when offline, when they wait, or when this page is an older copy than the day kept (the page's
  // shell opened from the service worker's cache). Online with nothing waiting, today's work is read again.
  const started = useRef(false)
  const deviceReady = offline.ready
  const wasOffline = useRef(false)
  useEffect(() => {
    if (!deviceReady || started.current) return
    started.current = true
    void (async () => {
      const restored = await restore(sender, (body, outcome) => settledOnDevice(body, outcome, ''))
      const madeAt = packMadeAt()
      const olderShell = madeAt !== null && props.serverNow !== undefined && Date.parse(props.serverNow) < madeAt.getTime()
      if (!navigator.onLine || restored > 0 || olderShell) {
        // An older copy of the page says an older server time: the offset kept with the day dates answers.
        if (!navigator.onLine || olderShell) clock.note(keptServerNow())
        fromDevice()
      }
      if (navigator.onLine && restored === 0) void refreshDevice()
      if (restored > 0) {
        setCanUndo(true)
        // Once they are sent, today's work is read again from the server.
        wasOffline.current = true
      }
    })()
  }, [clock, deviceReady, fromDevice, keptServerNow, packMadeAt, props.serverNow, refreshDevice, restore, sender, settledOnDevice])

  // Back online with every answer sent: today's work is read again, and the queue is the server's.
  useEffect(() => {
    if (offlineNow || sending.pending > 0) {
      if (offlineNow) wasOffline.current = true
      return
    }
    if (!wasOffline.current) return
    wasOffline.current = false
    void refreshDevice().then(() => reload())
  }, [offlineNow, refreshDevice, reload, sending.pending])

  return (
    <div ref={rootRef} data-testid="review-session">
      <TodayProgress done={progress.done} left={progress.left} />
      <SessionStatus answered={reviewedCount} sending={sending} notice={notice} dismissNotice={() => setNotice(null)} status={status} />
      <OfflineStatus offline={offlineNow} waiting={sending.pending} refusals={offline.refusals} dismiss={offline.dismissRefusals} kept={offline.packInfo} />
      {leech ? <LeechNotice card={leech.card} busy={busy} bringBack={bringBack} dismiss={() => setLeech(null)} sectionTitleLang={props.sectionTitleLang} /> : null}
      <StudyOpsBar canUndo={canUndo} busy={busy} hasCard={card !== null} undo={undo} setAside={setAside} openShortcuts={openShortcuts} />
      <ShortcutsDialog ref={shortcuts} shortcuts={REVIEW_SHORTCUTS} />
      <LiveAnnouncement announcement={announcement} />
      {card ? (
        <ReviewCard card={card} revealed={revealed} reveal={reveal} grade={grade} sectionTitleLang={props.sectionTitleLang} />
      ) : !(finished || finishShown) ? (
        <section className="card-surface" style={{ marginTop: '1rem' }} aria-busy="true">
          <p>{t('loadingNext')}</p>
        </section>
      ) : (
        <FinishLine nextDueAt={nextDueAt} heldBack={heldBack} timeZone={props.timeZone} today={today} onStudyMore={async () => void (await reload())} headingRef={doneHeadingRef} />
      )}
    </div>
  )
}
