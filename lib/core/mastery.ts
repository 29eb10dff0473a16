/**
 * A claim's mastery, defined once (issue #15): every page that says whether an idea is learned asks this module.
 *
 * Only the claim's live cards count: retired cards are left out, and so are suspended ones (a claim whose every live
 * card is suspended is "paused"). Of the cards that count:
 * - new: none has been seen;
 * - learned: every one is in review with a stability of at least 21 days, and the weakest one's retrievability now is
 *   at or above the desired retention minus 0.05;
 * - fading: not learned now, learned before (a per-person flag, set when an answer first made the claim learned), and
 *   the weakest seen card's retrievability now is below the desired retention minus 0.05;
 * - learning: every other claim with a card seen.
 * Each claim with a live card is in exactly one of the five (lib/core/mastery.test.ts proves it over generated
 * states). A card's recall now is recallNow() (lib/core/scheduler.ts: whole study days since its last review).
 *
 * A claim's recall, the figure every page shows for it (the map, the claim's page, a talk and its summary), is
 * defined once too, by claimRecall(): the lowest recall of its seen, live, unsuspended cards, with how many of those
 * cards are not studied yet beside it; null when none is studied.
 */
import { recallNow, type SchedulingState, type StudyContext } from './scheduler'
import { CardStateKind } from './card-state'

export const MASTERY_STATES = ['new', 'learning', 'learned', 'fading', 'paused'] as const
export type Mastery = (typeof MASTERY_STATES)[number]

/** A learned claim's cards each have at least this stability (days): about three weeks of memory. */
export const LEARNED_MIN_STABILITY_DAYS = 21
/** How far below the desired retention the weakest card may be and the claim still count as learned. */
export const LEARNED_RETENTION_MARGIN = 0.05

export type MasteryCard = {
  retired: boolean
  suspended: boolean
  state: SchedulingState | null
  /** The card's recall now, when the caller has already computed it with recallNow() and the same context. */
  retrievability?: number | null
}

export type MasteryContext = StudyContext & { desiredRetention: number }

/** A claim's recall by the one rule (claimRecall). */
export type ClaimRecall = {
  /** The lowest recall of its seen cards that count (0–1); null when none of them has been studied. */
  weakestRetrievability: number | null
  /** Live, unsuspended cards: the ones a claim is judged on. */
  cardsCounted: number
  /** Of those, the ones studied (not new): cardsCounted − cardsSeen are "not studied". */
  cardsSeen: number
}

export type ClaimMastery = ClaimRecall & { mastery: Mastery }

/** Whether one card, by itself, allows its claim to be learned (the retrievability test is on the claim). */
export function cardReadyForLearned(state: SchedulingState | null): boolean {
  return state !== null && state.state === CardStateKind.Review && state.stability >= LEARNED_MIN_STABILITY_DAYS
}

/** The cards a claim is judged on: live (not retired) and not suspended. */
export function countedCards<C extends Pick<MasteryCard, 'retired' | 'suspended'>>(cards: readonly C[]): C[] {
  return cards.filter((c) => !c.retired && !c.suspended)
}

/**
 * A claim's recall, the one rule: the lowest recall of its seen, live, unsuspended cards, and how many of them count
 * and are seen. `recallOf` gives a seen card's recall at the moment wanted: now (recallNow) on every page, on the
 * talk's day in a talk's plan.
 * @example claimRecall([seen98, neverSeen, suspended40], (c) => recallNow(c.state, ctx)) // { weakestRetrievability: 0.98, cardsCounted: 2, cardsSeen: 1 }
 */
export function claimRecall<C extends Pick<MasteryCard, 'retired' | 'suspended' | 'state'>>(cards: readonly C[], recallOf: (card: C) => number): ClaimRecall {
  const counted = countedCards(cards)
  const seen = counted.filter((c) => c.state && c.state.state !== CardStateKind.New)
  return { weakestRetrievability: seen.length === 0 ? null : Math.min(...seen.map(recallOf)), cardsCounted: counted.length, cardsSeen: seen.length }
}

/**
 * The claim's mastery now; null for a claim without a live card (nothing to learn: it is not shown).
 * @example claimMastery([{ retired: false, suspended: false, state: null }], false, ctx).mastery // "new"
 */
export function claimMastery(cards: readonly MasteryCard[], learnedBefore: boolean, ctx: MasteryContext): ClaimMastery | null {
  if (!cards.some((c) => !c.retired)) return null
  const recall = claimRecall(cards, (c) => c.retrievability ?? recallNow(c.state, ctx) ?? 0)
  const weakest = recall.weakestRetrievability
  if (recall.cardsCounted === 0) return { ...recall, mastery: 'paused' }
  if (weakest === null) return { ...recall, mastery: 'new' }
  const threshold = ctx.desiredRetention - LEARNED_RETENTION_MARGIN
  const allReady = countedCards(cards).every((c) => cardReadyForLearned(c.state))
  if (allReady && weakest >= threshold) return { ...recall, mastery: 'learned' }
  if (learnedBefore && weakest < threshold) return { ...recall, mastery: 'fading' }
  return { ...recall, mastery: 'learning' }
}
