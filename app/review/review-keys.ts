'use client'
import { useEffect } from 'react'
import { answerKey, inTextField, type Grade } from '@/app/ui/answer-keys'

/**
 * The review screen's keys: the answering keys (app/ui/answer-keys.ts), and Anki's others, before and after the
 * answer alike: Z (or Ctrl+Z, ⌘Z) undo, - bury, @ suspend, ? the list of keys.
 */
export function useReviewKeys(keys: {
  revealed: boolean
  reveal: () => void
  grade: (rating: Grade) => void
  undo: () => void
  setAside: (op: 'bury' | 'suspend') => void
  openShortcuts: () => void
}) {
  const { revealed, reveal, grade, undo, setAside, openShortcuts } = keys
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (inTextField(e) || (e.target instanceof Element && e.target.closest('dialog'))) return
      if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault()
        openShortcuts()
        return
      }
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
  }, [grade, openShortcuts, reveal, revealed, setAside, undo])
}

/** The longest a timer is set for (setTimeout's limit is ~24.8 days; a day is enough, it is set again). */
const MAX_TIMER_MS = 86_400_000

/**
 * Looks again (`reload`) when the study day turns, so the card on screen gets that day's buttons (and the queue
 * that day's cards); on the empty screen, when the next learning card falls due; and (`relabel`) when the card on
 * screen's intervals stop being what its answers apply (its `intervalsValidUntil`), so a button never says one
 * interval and applies another. Times on the server's clock.
 */
export function useReloadTimers({ dayEndsAt, nextDueAt, empty, reload, serverNowMs, card, relabel }: { dayEndsAt: string; nextDueAt: string | null; empty: boolean; reload: () => void; serverNowMs: () => number; card: { intervalsValidUntil: string } | null; relabel: () => void }) {
  useEffect(() => {
    const wait = Date.parse(dayEndsAt) - serverNowMs()
    const timer = setTimeout(reload, Math.min(MAX_TIMER_MS, Math.max(0, wait) + 500))
    return () => clearTimeout(timer)
  }, [dayEndsAt, reload, serverNowMs])

  // Set again for each copy of the card (a reply that came a moment before the boundary brings the same instant).
  // Intervals that hold to the day's end are the day timer's (ISO instants of one format compare as text).
  useEffect(() => {
    if (!card || card.intervalsValidUntil >= dayEndsAt) return
    const wait = Date.parse(card.intervalsValidUntil) - serverNowMs()
    const timer = setTimeout(relabel, Math.min(MAX_TIMER_MS, Math.max(0, wait) + 500))
    return () => clearTimeout(timer)
  }, [card, dayEndsAt, relabel, serverNowMs])

  useEffect(() => {
    if (!empty || !nextDueAt) return
    const wait = Date.parse(nextDueAt) - serverNowMs()
    if (wait > MAX_TIMER_MS) return
    const timer = setTimeout(reload, Math.max(0, wait) + 500)
    return () => clearTimeout(timer)
  }, [empty, nextDueAt, reload, serverNowMs])
}
