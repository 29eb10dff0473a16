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
 * states). Retrievability is ts-fsrs's forgetting curve, through lib/core/scheduler.ts.
 */
import { retrievability, type SchedulingState, type StudyContext } from './scheduler'
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
  /** The card's retrievability now, when the caller has already computed it with the same context (pages show it). */
  retrievability?: number | null
}

export type MasteryContext = StudyContext & { desiredRetention: number }

export type ClaimMastery = {
  mastery: Mastery
  /** The weakest seen card's retrievability now (0–1); null when no card that counts has been seen. */
  weakestRetrievability: number | null
  /** Live, unsuspended cards: the ones mastery is judged on. */
  cardsCounted: number
  cardsSeen: number
}

/** Whether one card, by itself, allows its claim to be learned (the retrievability test is on the claim). */
export function cardReadyForLearned(state: SchedulingState | null): boolean {
  return state !== null && state.state === CardStateKind.Review && state.stability >= LEARNED_MIN_STABILITY_DAYS
}

/** The cards a claim is judged on: live (not retired) and not suspended. */
export function countedCards<C extends Pick<MasteryCard, 'retired' | 'suspended'>>(cards: readonly C[]): C[] {
  return cards.filter((c) => !c.retired && !c.suspended)
}

/**
 * The claim's mastery now; null for a claim without a live card (nothing to learn: it is not shown).
 * @example claimMastery([{ retired: false, suspended: false, state: null }], false, ctx).mastery // "new"
 */
export function claimMastery(cards: readonly MasteryCard[], learnedBefore: boolean, ctx: MasteryContext): ClaimMastery | null {
  const live = cards.filter((c) => !c.retired)
  if (live.length === 0) return null
  const counted = countedCards(live)
  const seen = counted.filter((c) => c.state && c.state.state !== CardStateKind.New)
  const weakest = seen.length === 0 ? null : Math.min(...seen.map((c) => c.retrievability ?? retrievability(c.state, ctx)))
  const base = { weakestRetrievability: weakest, cardsCounted: counted.length, cardsSeen: seen.length }
  if (counted.length === 0) return { ...base, mastery: 'paused' }
  if (weakest === null) return { ...base, mastery: 'new' }
  const threshold = ctx.desiredRetention - LEARNED_RETENTION_MARGIN
  const allReady = seen.length === counted.length && seen.every((c) => cardReadyForLearned(c.state))
  if (allReady && weakest >= threshold) return { ...base, mastery: 'learned' }
  if (learnedBefore && weakest < threshold) return { ...base, mastery: 'fading' }
  return { ...base, mastery: 'learning' }
}
