'use client'
import { useEffectEvent, useLayoutEffect } from 'react'

/**
 * Announces each new card's question once, when the card or its version changes (the review and quiz screens' live
 * region). After the card is in the page, not while rendering: a live region is read when it changes, so a question
 * rendered into the server's HTML would never be said. Returns the card's key, for effects that run once per card.
 */
export function useQuestionAnnouncement(
  card: { cardId: string; version: number; promptHtml: string } | null,
  announce: (a: { kind: 'question'; html: string }) => void,
): string | null {
  const key = card ? `${card.cardId}@${card.version}` : null
  const announceQuestion = useEffectEvent(() => {
    if (card) announce({ kind: 'question', html: card.promptHtml })
  })
  useLayoutEffect(() => {
    announceQuestion()
  }, [key])
  return key
}
