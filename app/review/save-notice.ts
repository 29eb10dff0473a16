'use client'
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'

/** How long an answer may wait for the server before a screen reader is told it is still being saved. */
export const SLOW_SAVE_MS = 3000

/**
 * What the review screen tells a screen reader about saving, each status once. Answers are normally saved within a
 * moment, and saying "All answers saved" after every card drowned the next question; so nothing is said until an
 * answer has waited SLOW_SAVE_MS ("Still saving 2 answers…", once), then once that they are saved when the last is in.
 * The visible line says the same at every moment, without being read out.
 */
export function useSaveNotice(pendingCount: number): string {
  const t = useTranslations('review')
  const [notice, setNotice] = useState('')
  const toldSlow = useRef(false)
  const waiting = pendingCount > 0
  // Says how many answers are waiting when the notice is given, not when the wait began.
  const tellSlow = useEffectEvent(() => {
    toldSlow.current = true
    setNotice(t('slowSaving', { count: pendingCount }))
  })
  useEffect(() => {
    if (!waiting) {
      if (toldSlow.current) setNotice(t('savedAfterWait'))
      toldSlow.current = false
      return
    }
    // The clock runs from the moment answers began waiting, however many more are added meanwhile.
    const timer = setTimeout(() => tellSlow(), SLOW_SAVE_MS)
    return () => clearTimeout(timer)
  }, [waiting, t])
  return notice
}
