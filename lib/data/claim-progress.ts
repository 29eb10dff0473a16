/**
 * The per-person "learned before" flag behind a claim's "fading" (lib/core/mastery.ts), kept in ClaimProgress.
 *
 * A claim can only become learned right after an answer: between answers retrievability only falls, and an answer
 * is what moves a card into review with a longer stability. So the flag is set inside the grade's transaction, by
 * the answer that first makes the claim learned, and records that answer's review id so that undoing it can remove
 * the flag again (`DELETE FROM "ClaimProgress" WHERE "userId" = ? AND "learnedByReviewId" = ?`).
 */
import { all, asBool, run, type Work } from '../db/sql'
import { cardReadyForLearned, claimMastery, type MasteryContext } from '../core/mastery'
import type { StateRow } from '../core/card-state'
import type { UserStudyConfig } from './study-context'
import * as Q from './study-sql'

/** The retention the person aims for: their setting (0.90 until they choose one). */
export function desiredRetentionOf(config: UserStudyConfig): number {
  return config.settings.desiredRetention
}

export function masteryContext(config: UserStudyConfig, now: Date): MasteryContext {
  const { timeZone, rolloverHour } = config.settings
  return { now, timeZone, rolloverHour, parameters: config.parameters, desiredRetention: desiredRetentionOf(config) }
}

/**
 * After an answer has written `after` (inside the grade's transaction): flags the card's claim as learned the first
 * time it is. Costs nothing unless the answered card itself is ready for learned (in review, stability ≥ 21 days).
 * Returns whether it set the flag.
 */
export function* noteClaimLearnedWork(userId: string, after: StateRow, reviewId: string, config: UserStudyConfig, now: Date): Work<boolean> {
  if (!cardReadyForLearned(after)) return false
  const rows = yield* all(Q.CLAIM_CARDS_OF_CARD, [userId, userId, after.cardId])
  const first = rows[0]
  if (!first || first.learnedAt !== null) return false
  const cards = rows.map((r) => {
    const state = r.cardId === null ? null : Q.stateFromRow(r)
    return { retired: asBool(r.retired), suspended: state?.suspended ?? false, state }
  })
  if (claimMastery(cards, false, masteryContext(config, now))?.mastery !== 'learned') return false
  return (yield* run(Q.INSERT_CLAIM_LEARNED, [userId, first.claimId, now, reviewId])) === 1
}
