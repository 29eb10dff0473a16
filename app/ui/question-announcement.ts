'use client'
import { useState } from 'react'

/**
 * Announces each new card's question once, when the card or its version changes (the review and quiz screens' live
 * region). Set while rendering, React's pattern for state that follows a value: no effect, so no paint still
 * announcing the card before. Returns the card's key, for effects that must run once per card shown.
 */
export function useQuestionAnnouncement(
  card: { cardId: string; version: number; promptHtml: string } | null,
  announce: (a: { kind: 'question'; html: string }) => void,
): string | null {
  const key = card ? `${card.cardId}@${card.version}` : null
  const [announced, setAnnounced] = useState<string | null>(null)
  if (key !== announced) {
    setAnnounced(key)
    if (card) announce({ kind: 'question', html: card.promptHtml })
  }
  return key
}
