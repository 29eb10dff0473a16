'use client'
/**
 * The answering keys of the review and quiz screens, defined once: before the answer, Space or Enter shows it (Enter
 * on a focused link or button keeps its own meaning); after it, 1–4 answer and Space means Good.
 */
import { useEffect } from 'react'
import { useTranslations } from 'next-intl'

export type Grade = 1 | 2 | 3 | 4

export function useAnswerKeys(revealed: boolean, reveal: () => void, grade: (rating: Grade) => void) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return
      if (!revealed) {
        if (e.key === ' ' || e.key === 'Enter') {
          if (e.key === 'Enter' && target && (target.tagName === 'A' || target.tagName === 'BUTTON') && !target.dataset.reveal) return
          e.preventDefault()
          reveal()
        }
        return
      }
      if (['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault()
        grade(Number(e.key) as Grade)
      } else if (e.key === ' ') {
        e.preventDefault()
        grade(3)
      }
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
