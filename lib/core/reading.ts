/**
 * The reader's rules (issue #38), pure and with time explicit: what each passage's review area offers, and where a
 * person was in the reading. The data layer (lib/data/reading-service.ts) reads the rows and calls these.
 *
 * - An area offers, for each claim its passage places, the claim's first card in deck order that this person has
 *   never begun — only while the claim has no card begun: the claim's other cards wait for the review queue, which
 *   buries siblings as ever. A claim with a card begun shows as "in your reviews", with each begun card's state.
 * - A card forgotten (its newest answer today Again, and still in (re)learning) whose claim an earlier passage of the
 *   same section places comes back in a later area once its learning step is over (due by now), as Quantum Country
 *   retries; one whose step is not over yet is said to be coming (`retryAt`). After the section's last area there is
 *   no area: those cards are the review queue's, as every card is.
 */
import { markersOf, type Passage } from './reading-text'
import { CardStateKind, stateName, type StateName } from './card-state'

/** A card of the section as the area rules need it: its claim, deck order, and this person's state (null: never begun). */
export type ReadingCard = {
  cardId: string
  claimId: string
  state: { kind: number; due: Date; suspended: boolean } | null
  /** The rating of this card's newest answer of today's study day (not undone), or null. */
  lastRatingToday: number | null
}

export type BegunCard = { cardId: string; state: StateName; dueAt: string; suspended: boolean }

export type AreaPlan = {
  passage: number
  /** Each claim the passage places, in the order it places them: the card offered, or the cards already begun. */
  claims: { claimId: string; offer: string | null; begun: BegunCard[] }[]
  /** Cards forgotten in the section's earlier areas whose step is over: answered here again. */
  retries: string[]
  /** When the next forgotten card's step is over (a later visit shows it), or null. */
  retryAt: string | null
}

/** The claims each passage places, in order (from the English markers: the deck check makes both languages agree). */
export function passageClaims(reading: readonly Passage[]): string[][] {
  return reading.map((p) => [...new Set(markersOf(p.en))])
}

const AGAIN = 1

/**
 * What every area of a section offers now, given its cards in deck order.
 * @example areaPlans([['s01-a'], ['s01-b']], cards, now)[1].retries // ['s01-a-q1'] after an Again on it, a minute on
 */
export function areaPlans(claimsByPassage: readonly (readonly string[])[], cards: readonly ReadingCard[], now: Date): AreaPlan[] {
  const byClaim = new Map<string, ReadingCard[]>()
  for (const card of cards) byClaim.set(card.claimId, [...(byClaim.get(card.claimId) ?? []), card])
  const forgotten = (card: ReadingCard) =>
    card.lastRatingToday === AGAIN && card.state !== null && !card.state.suspended && (card.state.kind === CardStateKind.Learning || card.state.kind === CardStateKind.Relearning)
  return claimsByPassage.map((claimIds, passage) => {
    const claims = claimIds.map((claimId) => {
      const own = byClaim.get(claimId) ?? []
      const begun = own.filter((c) => c.state !== null)
      return {
        claimId,
        offer: begun.length === 0 ? (own[0]?.cardId ?? null) : null,
        begun: begun.map((c) => ({ cardId: c.cardId, state: stateName(c.state!.kind), dueAt: c.state!.due.toISOString(), suspended: c.state!.suspended })),
      }
    })
    const earlier = claimsByPassage.slice(0, passage).flat()
    const waiting = earlier.flatMap((claimId) => (byClaim.get(claimId) ?? []).filter(forgotten))
    const due = waiting.filter((c) => c.state!.due.getTime() <= now.getTime())
    const later = waiting.filter((c) => c.state!.due.getTime() > now.getTime()).map((c) => c.state!.due.getTime())
    return { passage, claims, retries: due.map((c) => c.cardId), retryAt: later.length > 0 ? new Date(Math.min(...later)).toISOString() : null }
  })
}

/** A place in the reading: a section of a deck, and a passage of it (from 0). */
export type ReadingPlace = { deckId: string; sectionId: string; passage: number }

/**
 * The place to keep when a person reaches the end of a passage, or null to keep the one kept: reading back up a
 * section (a passage before the one kept, in the same section) does not move it; any other section does.
 */
export function placeAfterReaching(kept: ReadingPlace | null, reached: ReadingPlace): ReadingPlace | null {
  if (kept && kept.deckId === reached.deckId && kept.sectionId === reached.sectionId && reached.passage <= kept.passage) return null
  return reached
}

/** The reading's sections in order, each with its number of passages. */
export type ReadingOutline = { deckId: string; sectionId: string; passages: number }[]

/**
 * Where "Continue reading" leads after the kept place: the next passage, or the next section's first; null at the end
 * of the reading (the home page then stops offering it). A kept passage past its section's end (the reading was
 * shortened) counts as the section's end; a kept section no longer in the reading, as no place (the reading's start).
 * @example continueFrom({deckId: 'd', sectionId: '01', passage: 2}, [{deckId: 'd', sectionId: '01', passages: 3}, …]) // {sectionId: '02', passage: 0}
 */
export function continueFrom(kept: ReadingPlace | null, outline: ReadingOutline): ReadingPlace | null {
  const at = kept ? outline.findIndex((s) => s.deckId === kept.deckId && s.sectionId === kept.sectionId) : -1
  if (at === -1) {
    const first = outline.find((s) => s.passages > 0)
    return first ? { deckId: first.deckId, sectionId: first.sectionId, passage: 0 } : null
  }
  const section = outline[at]!
  if (kept!.passage < section.passages - 1) return { deckId: section.deckId, sectionId: section.sectionId, passage: kept!.passage + 1 }
  const next = outline.slice(at + 1).find((s) => s.passages > 0)
  return next ? { deckId: next.deckId, sectionId: next.sectionId, passage: 0 } : null
}

/** The anchor of a passage on the reader's page, and of a claim's place in the reading. */
export const passageAnchor = (passage: number) => `passage-${passage + 1}`
export const claimAnchor = (claimId: string) => `read-${claimId}`

/** The address of a section's reading. */
export const sectionReadingHref = (deckId: string, sectionId: string) => `/read/${sectionId}?deck=${encodeURIComponent(deckId)}`

/** The address of a place in the reading: its section's page, at the passage. */
export const readingHref = (place: ReadingPlace) => `${sectionReadingHref(place.deckId, place.sectionId)}#${passageAnchor(place.passage)}`

/** The address of a claim's place in the reading. */
export const claimReadingHref = (deckId: string, sectionId: string, claimId: string) => `${sectionReadingHref(deckId, sectionId)}#${claimAnchor(claimId)}`
