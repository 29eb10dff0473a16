'use client'
/**
 * The answering keys of the review and quiz screens, defined once: before the answer, Space or Enter shows it; after
 * it, 1–4 answer and Space means Good. A focused control's own action wins: Space or Enter on a focused link or button
 * (an "Again" button, the section link, Undo) only presses that control, and is never read as an answer; only the
 * "Show answer" button (data-reveal) means the same as the key.
 */
import { useEffect } from 'react'
import { useTranslations } from 'next-intl'

export type Grade = 1 | 2 | 3 | 4

/** Whether a key press belongs to a field being typed in (a key there is never an answer). */
export function inTextField(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null
  return !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
}

/** Whether the key press is on a focused control that Space or Enter presses (other than "Show answer"). */
function onControl(e: KeyboardEvent): boolean {
  const target = e.target instanceof Element ? e.target : null
  const control = target?.closest<HTMLElement>('a[href], button, summary, select, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="radio"]')
  return !!control && !control.dataset.reveal
}

/**
 * What an answering key means here: show the answer, a grade, or nothing (the key keeps its own meaning). Calls
 * preventDefault when it means something.
 */
export function answerKey(e: KeyboardEvent, revealed: boolean): 'reveal' | Grade | null {
  if (e.altKey || e.ctrlKey || e.metaKey || inTextField(e)) return null
  // A key held down answers once, not every card that follows; keys in a dialog (the shortcuts list) are its own.
  if (e.repeat || (e.target instanceof Element && e.target.closest('dialog'))) return null
  if ((e.key === ' ' || e.key === 'Enter') && onControl(e)) return null
  if (!revealed) {
    if (e.key !== ' ' && e.key !== 'Enter') return null
    e.preventDefault()
    return 'reveal'
  }
  if (['1', '2', '3', '4'].includes(e.key) || e.key === ' ') {
    e.preventDefault()
    return e.key === ' ' ? 3 : (Number(e.key) as Grade)
  }
  return null
}

export function useAnswerKeys(revealed: boolean, reveal: () => void, grade: (rating: Grade) => void) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const action = answerKey(e, revealed)
      if (action === 'reveal') reveal()
      else if (action !== null) grade(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [grade, reveal, revealed])
}

/** Each grade's catalogue key (review.again …) is also its button's class. */
export const GRADE_KEYS = [
  { rating: 1, key: 'again' },
  { rating: 2, key: 'hard' },
  { rating: 3, key: 'good' },
  { rating: 4, key: 'easy' },
] as const satisfies readonly { rating: Grade; key: string }[]

/** The grades' names in the interface language ("Good", "良好"). */
export function useGradeName(): (rating: Grade) => string {
  const t = useTranslations('review')
  return (rating) => t(GRADE_KEYS[rating - 1]!.key)
}
