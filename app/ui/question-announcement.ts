'use client'
import { useEffectEvent, useLayoutEffect, useState } from 'react'

/**
 * Announces each new card's question once, when the card or its version changes (the review and quiz screens' live
 * region). `announce` must set state of the component that calls this hook.
 *
 * The first card: after it is in the page, not while rendering, since a live region is read when it changes, so a
 * question rendered into the server's HTML would never be said. Every later card: in the render that shows it (React's
 * pattern for state that follows a changing value), so the live region, which is already in the page, changes in the
 * same commit as the card, and the next card is not held up by a second render and commit before its frame.
 * Returns the card's key, for effects that run once per card.
 */
export function useQuestionAnnouncement(
  card: { cardId: string; version: number; promptHtml: string } | null,
  announce: (a: { kind: 'question'; html: string }) => void,
): string | null {
  const key = card ? `${card.cardId}@${card.version}` : null
  const [announcedKey, setAnnouncedKey] = useState(key)
  if (key !== announcedKey) {
    setAnnouncedKey(key)
    if (card) announce({ kind: 'question', html: card.promptHtml })
  }
  const announceFirst = useEffectEvent(() => {
    if (card) announce({ kind: 'question', html: card.promptHtml })
  })
  useLayoutEffect(() => {
    announceFirst()
  }, [])
  return key
}
