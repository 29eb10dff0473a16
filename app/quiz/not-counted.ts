import { useCallback } from 'react'
import { useTranslations } from 'next-intl'
import type { NotCountedReason } from '@/lib/data/quiz-service'

const KEYS = {
  'limit-reached': 'notCountedLimit',
  'day-changed': 'notCountedDay',
  'bad-time': 'notCountedTime',
  undone: 'notCountedUndone',
} as const satisfies Record<NotCountedReason, string>

/** The sentence that tells why a quiz answer meant to count as a review was kept as practice (the grade's refusal). */
export function useNotCountedText(): (reason: NotCountedReason) => string {
  const t = useTranslations('quiz')
  return useCallback((reason: NotCountedReason) => t(KEYS[reason]), [t])
}
