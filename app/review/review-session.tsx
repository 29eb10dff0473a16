'use client'
/**
 * The review screen. One card at a time; the next card shows at once after a grade, while the grade goes to the
 * server in the background, one grade after another in the order given, each retried with the same reviewId until
 * the server answers (so it is kept exactly once). A grade carries the moment it was answered, on the server's clock
 * (the offset is learnt from each answer's serverNow), and the study day its buttons were computed for. Its answer
 * carries the server's next cards, which replace what follows the card on screen (the server knows the day's limits
 * and buried siblings). A refusal shows a notice: "the day changed" shows the card again with fresh buttons; the
 * others reload the queue. When the study day turns, the queue is reloaded, so the buttons on screen are that day's.
 */
import Link from 'next/link'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import type { DaySummary, StudyCard, TodayCounts } from '@/lib/data/study-service'
import { DueTime } from '@/app/ui/due-time'
import { followServer } from '@/lib/core/queue'
import { parseIntervalCode } from '@/lib/core/interval'
import type { TitlePart } from '@/lib/core/display-language'
import { useSaveNotice } from './save-notice'
import { answerKey, GRADE_KEYS, inTextField, type Grade } from '@/app/ui/answer-keys'
import { REVIEW_SHORTCUTS, ShortcutsDialog, type ShortcutsDialogHandle } from '@/app/ui/shortcuts-dialog'
import { FinishSummary, TodayProgress } from './finish-line'
import { useUnsavedWarning } from '@/app/ui/unsaved-warning'

const GRADES = GRADE_KEYS
const MAX_RETRY_DELAY_MS = 8000

type Pending = { reviewId: string; cardId: string; rating: Grade; version: number; durationMs: number; answeredAt: string; day: number }

/** What is left in today's queue by the server's counts. */
const leftOf = (counts: TodayCounts) => counts.new + counts.learning + counts.review

/** The longest a timer is set for (setTimeout's limit is ~24.8 days; a day is enough, it is set again). */
const MAX_TIMER_MS = 86_400_000

export function ReviewSession(props: {
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
  const tClaim = useTranslations('claim')
  const tStudy = useTranslations('study')
  const [queue, setQueue] = useState<StudyCard[]>(props.initialCards)
  const [revealed, setRevealed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  /** What an operation did, said politely (not an alert): "Buried until the next study day." */
  const [status, setStatus] = useState<string | null>(null)
  /** What the live region reads: the card's own HTML, whose parts carry their language. */
  const [announcement, setAnnouncement] = useState<{ kind: 'question' | 'answer'; html: string } | { kind: 'done'; answers: number } | null>(null)
  const [reviewedCount, setReviewedCount] = useState(0)
  const [pendingCount, setPendingCount] = useState(0)
  /** Queue refills on their way (each may bring cards): the finish line waits for them. */
  const [refilling, setRefilling] = useState(0)
  const [nextDueAt, setNextDueAt] = useState(props.initialCounts.nextDueAt)
  const [dayEndsAt, setDayEndsAt] = useState(props.initialCounts.dayEndsAt)
  const [today, setToday] = useState(props.initialToday)
  /** Done and left today: the server's numbers as last read, moved by each grade on this page since. */
  const [progress, setProgress] = useState({ done: props.initialToday.answers, left: leftOf(props.initialCounts) })
  /** Grades this page counts as made (less those refused or undone): tells a reload's numbers which grades they miss. */
  const gradesMade = useRef(0)
  const countGrade = useCallback((n: 1 | -1) => {
    gradesMade.current += n
    setReviewedCount((c) => Math.max(0, c + n))
    setProgress((p) => ({ done: Math.max(0, p.done + n), left: Math.max(0, p.left - n) }))
  }, [])
  /** The server's clock minus this browser's, from the last answer that said what time it was there. */
  const clockOffset = useRef(props.serverNow ? Date.parse(props.serverNow) - Date.now() : 0)
  const serverNow = useCallback(() => Date.now() + clockOffset.current, [])
  const noteServerNow = useCallback((iso: unknown) => {
    if (typeof iso === 'string' && !Number.isNaN(Date.parse(iso))) clockOffset.current = Date.parse(iso) - Date.now()
  }, [])
  const [canUndo, setCanUndo] = useState(props.canUndo)
  const [busy, setBusy] = useState(false)
  /** A card this person just made a leech (suspended), told once with its claim and a way to bring it back. */
  const [leech, setLeech] = useState<{ card: StudyCard; version: number } | null>(null)
  /** Cards graded here and not yet answered by the server, for the leech notice's claim. */
  const gradedCards = useRef(new Map<string, StudyCard>())
  /** Grades go to the server one after another: each answer then knows every earlier grade (limits, siblings). */
  const sending = useRef<Promise<void>>(Promise.resolve())
  const shownAt = useRef(performance.now())
  const pending = useRef(new Map<string, Pending>())
  /** The review ids of the grades made on this page (an undo of one of them uncounts it). */
  const gradedIds = useRef(new Set<string>())
  /** Cards graded here, with the version they were graded at: a copy from the server at that version or older is
   * stale (its grade may still be in flight), so it is never shown again. */
  const gradedHere = useRef(new Map<string, number>())
  const transitionStart = useRef<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const answerRef = useRef<HTMLDivElement>(null)
  const doneHeadingRef = useRef<HTMLHeadingElement>(null)
  const shortcuts = useRef<ShortcutsDialogHandle>(null)
  const card = queue[0] ?? null
  const saveNotice = useSaveNotice(pendingCount)

  const freshCards = useCallback((cards: StudyCard[]) => {
    return cards.filter((c) => {
      const gradedVersion = gradedHere.current.get(c.cardId)
      return gradedVersion === undefined || c.version > gradedVersion
    })
  }, [])

  const reload = useCallback(async () => {
    setRefilling((n) => n + 1)
    try {
      // After the grades still being sent: the server then counts them all (a new card over the limit never shows).
      await sending.current
      const madeBefore = gradesMade.current
      const res = await fetch(`/api/queue?limit=${props.prefetch}`, { cache: 'no-store' })
      if (res.status === 401) {
        setNotice(t('signedOutReload'))
        return
      }
      if (!res.ok) return
      const body = (await res.json()) as { cards: StudyCard[]; counts: TodayCounts; today: DaySummary; serverNow?: string }
      noteServerNow(body.serverNow)
      // Grades made while this was on its way may be missing from the server's numbers.
      const since = gradesMade.current - madeBefore
      setToday(body.today)
      setProgress({ done: body.today.answers + since, left: Math.max(0, leftOf(body.counts) - since) })
      setNextDueAt(body.counts.nextDueAt)
      setDayEndsAt(body.counts.dayEndsAt)
      setQueue((current) => {
        const head = current[0]
        const incoming = freshCards(body.cards)
        // Keep the card on screen if it is still due, so the person is not interrupted mid-answer; the server's copy
        // of it replaces it (after the study day turned, its buttons are the new day's).
        const mine = head && incoming.find((c) => c.cardId === head.cardId)
        if (mine) return [mine, ...incoming.filter((c) => c.cardId !== head.cardId)]
        return incoming
      })
    } catch {
      /* offline: the current queue stays; the next grade retries */
    } finally {
      setRefilling((n) => n - 1)
    }
  }, [freshCards, noteServerNow, props.prefetch, t])

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
        const body = (await res.json()) as { next?: StudyCard[]; serverNow?: string; reason?: string; card?: StudyCard | null; leech?: boolean; state?: { version: number } }
        noteServerNow(body.serverNow)
        pending.current.delete(grade.reviewId)
        setPendingCount(pending.current.size)
        const graded = gradedCards.current.get(grade.reviewId)
        gradedCards.current.delete(grade.reviewId)
        if (res.ok) {
          setCanUndo(true)
          if (body.leech && graded && body.state) setLeech({ card: graded, version: body.state.version })
          setQueue((current) => followServer(current, freshCards(body.next ?? [])))
          return
        }
        if (res.status === 409 && body.reason === 'day-changed' && body.card) {
          // Never applied differently from what its button said: the card comes back with today's buttons.
          const again = body.card
          gradedHere.current.delete(grade.cardId)
          gradedIds.current.delete(grade.reviewId)
          countGrade(-1)
          setNotice(t('dayChanged'))
          setRevealed(false)
          setQueue((current) => [again, ...current.filter((c) => c.cardId !== again.cardId)])
          return
        }
        // The API's own error text is for developers; the person reads why in their language.
        setNotice(
          res.status === 409 && body.reason === 'limit-reached'
            ? t('limitReached')
            : res.status === 409
              ? t('notSavedStale')
              : res.status === 404
                ? t('notSavedGone')
                : t('notSavedOther', { status: res.status }),
        )
        gradedIds.current.delete(grade.reviewId)
        // Not applied: it no longer counts as answered here (the reload shows the card as it is now, if it is due).
        countGrade(-1)
        if (body.reason !== 'limit-reached') gradedHere.current.delete(grade.cardId)
        void reload()
      } catch {
        // Lost response or server down: the same reviewId makes the retry safe.
        const delay = Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** attempt)
        await new Promise((r) => setTimeout(r, delay))
        return send(grade, attempt + 1)
      }
    },
    [countGrade, freshCards, noteServerNow, reload, t],
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
        answeredAt: new Date(serverNow()).toISOString(),
        day: card.day,
      }
      pending.current.set(entry.reviewId, entry)
      gradedIds.current.add(entry.reviewId)
      gradedCards.current.set(entry.reviewId, card)
      setStatus(null)
      gradedHere.current.set(card.cardId, card.version)
      setPendingCount(pending.current.size)
      countGrade(1)
      setRevealed(false)
      setQueue((current) => current.slice(1))
      sending.current = sending.current.then(() => send(entry))
    },
    [card, countGrade, revealed, send, serverNow],
  )

  /** Posts one of the study operations after the grades still being sent (so an undo takes back the last of them). */
  const operate = useCallback(
    (body: Record<string, unknown>, after: (res: Response, json: Record<string, unknown>) => void) => {
      setBusy(true)
      sending.current = sending.current.then(async () => {
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
    [t],
  )

  /** Takes back the day's newest answer or change (Z, Ctrl+Z): its card is shown again, as it was. */
  const undo = useCallback(() => {
    if (busy) return
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
        setQueue((current) => [again, ...current.filter((c) => c.cardId !== again.cardId)])
      } else void reload()
    })
  }, [busy, countGrade, operate, reload, t])

  /** Buries (-) or suspends (@) the card on screen; both can be undone. */
  const setAside = useCallback(
    (op: 'bury' | 'suspend') => {
      if (!card || busy) return
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
    [busy, card, operate, reload, t],
  )

  /** The leech notice's "Bring it back": resumes the card (it comes back with its reviews). */
  const bringBack = useCallback(() => {
    if (!leech) return
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
  }, [leech, operate, reload, t])

  // After the reveal the answer has the focus (the "Show answer" button it replaces is gone): Space there means Good.
  useEffect(() => {
    if (revealed) answerRef.current?.focus()
  }, [revealed])

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

  // The end of the queue is said once, when the last answers are in (their reply may still bring a card shown early);
  // the focus, dropped with the last grade button, goes to the finish line.
  // Not while the queue is being refilled either: the refill may bring the day's next cards.
  const finished = !card && pendingCount === 0 && refilling === 0
  // Once the finish line is shown it stays while the page looks again (a timer when the next learning card falls
  // due, "Study more today"), so it does not flicker; until then an empty queue waiting for answers says so.
  const [finishShown, setFinishShown] = useState(false)
  useEffect(() => {
    if (card) setFinishShown(false)
    else if (finished) setFinishShown(true)
  }, [card, finished])
  useEffect(() => {
    if (!finished) return
    setAnnouncement({ kind: 'done', answers: progress.done })
    if (!document.activeElement || document.activeElement === document.body) doneHeadingRef.current?.focus()
  }, [finished]) // eslint-disable-line react-hooks/exhaustive-deps

  // Refill before the queue runs dry.
  useEffect(() => {
    if (queue.length <= 2) void reload()
  }, [queue.length, reload])

  // When the study day turns, the card on screen gets that day's buttons (and the queue that day's cards).
  useEffect(() => {
    const wait = Date.parse(dayEndsAt) - serverNow()
    const timer = setTimeout(() => void reload(), Math.min(MAX_TIMER_MS, Math.max(0, wait) + 500))
    return () => clearTimeout(timer)
  }, [dayEndsAt, reload, serverNow])

  // The empty screen looks again when the next learning card falls due.
  useEffect(() => {
    if (card || !nextDueAt) return
    const wait = Date.parse(nextDueAt) - serverNow()
    if (wait > MAX_TIMER_MS) return
    const timer = setTimeout(() => void reload(), Math.max(0, wait) + 500)
    return () => clearTimeout(timer)
  }, [card, nextDueAt, reload, serverNow])

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (inTextField(e) || (e.target instanceof Element && e.target.closest('dialog'))) return
      if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault()
        shortcuts.current?.open()
        return
      }
      // Anki's keys: Z (or Ctrl+Z, ⌘Z) undo, - bury, @ suspend; before and after the answer alike.
      if ((e.key === 'z' || e.key === 'Z') && !e.altKey && !e.shiftKey) {
        e.preventDefault()
        undo()
        return
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return
      if (e.key === '-' || e.key === '@') {
        e.preventDefault()
        setAside(e.key === '-' ? 'bury' : 'suspend')
        return
      }
      const action = answerKey(e, revealed)
      if (action === 'reveal') reveal()
      else if (action !== null) grade(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [grade, reveal, revealed, setAside, undo])
  // Warn before leaving with answers not yet saved.
  useUnsavedWarning(() => pending.current.size > 0)

  return (
    <div ref={rootRef} data-testid="review-session">
      <TodayProgress done={progress.done} left={progress.left} />
      <div className="review-meta">
        <span>{t('answered', { count: reviewedCount })}</span>
        <span>{pendingCount > 0 ? t('saving', { count: pendingCount }) : reviewedCount > 0 ? t('allSaved') : ''}</span>
      </div>
      <div className="sr-only" role="status">{saveNotice}</div>
      {notice ? (
        <div role="alert" className="notice">
          {notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>{t('dismiss')}</button>
        </div>
      ) : null}
      <p className="muted" role="status" aria-live="polite" style={{ minHeight: '1.5em', margin: '.5rem 0 0' }}>{status}</p>
      {leech ? (
        <section className="notice" aria-labelledby="leech-heading">
          <h2 id="leech-heading" style={{ fontSize: '1.1rem', margin: 0 }}>{t('leechHeading')}</h2>
          <p>{t.rich('leech', { claim: () => <span dangerouslySetInnerHTML={{ __html: leech.card.claim.html }} /> })}</p>
          <p>
            <Link href={`/sections/${leech.card.section.id}#${leech.card.claim.id}`}>
              {t.rich('sectionLink', { id: leech.card.section.id, title: () => <span lang={props.sectionTitleLang}>{leech.card.section.title}</span> })}
            </Link>
          </p>
          <div className="grade-buttons">
            <button type="button" onClick={bringBack} disabled={busy}>{t('bringBack')}</button>
            <button type="button" className="link-button" onClick={() => setLeech(null)}>{t('dismiss')}</button>
          </div>
        </section>
      ) : null}
      <div className="study-ops" role="group" aria-label={t('opsLabel')}>
        <button type="button" onClick={undo} disabled={!canUndo || busy} aria-keyshortcuts="Z Control+Z">{t('undo')}</button>
        {card ? (
          <>
            <button type="button" onClick={() => setAside('bury')} disabled={busy} aria-keyshortcuts="-">{t('bury')}</button>
            <button type="button" onClick={() => setAside('suspend')} disabled={busy} aria-keyshortcuts="@">{t('suspend')}</button>
          </>
        ) : null}
        <button type="button" className="link-button" onClick={() => shortcuts.current?.open()} aria-keyshortcuts="?">{t('shortcutsButton')}</button>
      </div>
      <ShortcutsDialog ref={shortcuts} shortcuts={REVIEW_SHORTCUTS} />
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement?.kind === 'done'
          ? t('announceDone', { answers: announcement.answers })
          : announcement
            ? t.rich(announcement.kind === 'question' ? 'announceQuestion' : 'announceAnswer', { card: () => <span dangerouslySetInnerHTML={{ __html: announcement.html }} /> })
            : null}
      </div>
      {/* data-day: the study day of the buttons shown (the day turning refreshes them; tests read it). */}
      {card ? (
        <article
          className="card-surface"
          aria-labelledby="card-prompt"
          style={{ marginTop: '1rem' }}
          data-day={card.day}
          // A tap anywhere on the card shows the answer, as in AnkiDroid (a link or button keeps its own tap).
          onClick={(e) => {
            if (!revealed && !(e.target instanceof Element && e.target.closest('a, button, input, summary'))) reveal()
          }}
        >
          <p className="muted" style={{ marginTop: 0 }}>
            {card.state === 'new' ? t('stateNew') : card.state === 'review' ? t('stateReview') : t('stateLearning')} · {card.kind === 'cloze' ? t('kindCloze') : t('kindBasic')}
            {card.early ? (
              <>
                {' · '}
                <span className="badge" aria-describedby="early-note">{t('early')}</span>
              </>
            ) : null}
          </p>
          {card.early ? <p id="early-note" className="muted" style={{ fontSize: '1rem' }}>{t('earlyNote')}</p> : null}
          {/* A cloze's answer side is its sentence with the blank filled: it takes the prompt's place, shown once. */}
          <h2 id="card-prompt" className="prompt" tabIndex={-1} dangerouslySetInnerHTML={{ __html: revealed && clozeInPlace(card) ? card.answerHtml : card.promptHtml }} />
          {revealed ? (
            <>
              <div className="answer" ref={answerRef} tabIndex={-1} aria-labelledby="answer-heading">
                <h3 id="answer-heading" className="sr-only">{t('answerHeading')}</h3>
                {clozeInPlace(card) ? null : <div dangerouslySetInnerHTML={{ __html: card.answerHtml }} />}
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
              {/* On a phone, a bar fixed at the bottom (as AnkiDroid's), in reach of the thumb. */}
              <div className="grade-buttons answer-bar" role="group" aria-label={t('gradesLabel')}>
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
              <p className="kbd-hint">{t('keysAfter')} · {t('keysOps')} · {t('keysHelp')}</p>
            </>
          ) : (
            <>
              <div className="answer-bar reveal-bar">
                <button type="button" className="primary" data-reveal="1" aria-keyshortcuts="Space Enter" onClick={reveal} autoFocus>
                  {t('showAnswer')}
                </button>
              </div>
              <p className="kbd-hint">{t('keysBefore')} {t('keysOps')} · {t('keysHelp')}</p>
            </>
          )}
        </article>
      ) : !(finished || finishShown) ? (
        <section className="card-surface" style={{ marginTop: '1rem' }} aria-busy="true">
          <p>{t('loadingNext')}</p>
        </section>
      ) : (
        <section className="card-surface" style={{ marginTop: '1rem' }} aria-labelledby="done-heading">
          <h2 id="done-heading" ref={doneHeadingRef} tabIndex={-1}>{t('doneHeading')}</h2>
          <p>{nextDueAt ? tStudy.rich('nextDue', { due: () => <DueTime iso={nextDueAt} timeZone={props.timeZone} /> }) : t('nothingScheduled')}</p>
          <FinishSummary today={today} />
          <StudyMore onGranted={reload} />
          <p><Link href="/">{t('backHome')}</Link></p>
        </section>
      )}
    </div>
  )
}

/** Whether the answer side replaces the prompt: a cloze whose answer side has text (its sentence, filled in). */
function clozeInPlace(card: StudyCard): boolean {
  return card.kind === 'cloze' && hasText(card.answerHtml)
}

const STUDY_MORE_DEFAULT = 10

/** "Study more today" (Anki's custom study): N more new cards, or N reviews ahead of their day. */
function StudyMore({ onGranted }: { onGranted: () => Promise<void> }) {
  const t = useTranslations('review')
  const [count, setCount] = useState(String(STUDY_MORE_DEFAULT))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function grant(kind: 'new' | 'ahead') {
    // Digits only, 1–100: a blank or "0x10" is refused, never read as a number.
    const n = /^\d+$/.test(count.trim()) ? Number(count.trim()) : NaN
    if (!(n >= 1 && n <= 100)) {
      setError(t('studyMoreCountError'))
      return
    }
    setError(null)
    setBusy(true)
    try {
      const res = await fetch('/api/study-more', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind, count: n }) })
      if (!res.ok) setError(t('notSavedOther', { status: res.status }))
      else await onGranted()
    } catch {
      setError(t('notSavedOther', { status: 0 }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="study-more-heading" className="stack">
      <h3 id="study-more-heading">{t('studyMoreHeading')}</h3>
      <p className="muted" style={{ fontSize: '1rem' }}>{t('studyMoreText')}</p>
      <div className="field" style={{ maxWidth: '10rem' }}>
        <label htmlFor="study-more-count">{t('studyMoreCount')}</label>
        <input id="study-more-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'study-more-error' : undefined} autoComplete="off" />
      </div>
      {error ? <p id="study-more-error" className="field-error" role="alert">{error}</p> : null}
      <div className="grade-buttons">
        <button type="button" disabled={busy} onClick={() => void grant('new')}>{t('studyMoreNew')}</button>
        <button type="button" disabled={busy} onClick={() => void grant('ahead')}>{t('studyMoreAhead')}</button>
      </div>
    </section>
  )
}

/** Whether HTML shows any text (a cloze's answer side may be empty). */
function hasText(html: string): boolean {
  return html.replace(/<[^>]+>/g, '').trim() !== ''
}
