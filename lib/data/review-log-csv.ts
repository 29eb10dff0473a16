/**
 * The person's review log as the FSRS optimizer's CSV (lib/core/optimizer-csv.ts), for GET /api/export/review-log.
 * Only this user's rows; answers of kind "review" not undone, oldest first (ties in the order written). Read through
 * ReviewLog(userId, …) and sorted after, as the full export is.
 */
import 'server-only'
import { db } from '../db/prisma'
import { all, asDate, sql, type Executor } from '../db/sql'
import { optimizerCsv } from '../core/optimizer-csv'

/** Parameters: user. */
const OPTIMIZER_ANSWERS = sql<{ cardId: string; review: unknown; rating: number; state: number; durationMs: number }>(
  `SELECT "cardId", "review", "rating", "state", "durationMs" FROM "ReviewLog"
   WHERE "userId" = ? AND "kind" = 'review' AND "undone" = FALSE
   ORDER BY "review", "sequence"`,
)

export function createReviewLogCsv(exec: Executor) {
  return (userId: string): Promise<string> =>
    exec.read(function* () {
      const rows = yield* all(OPTIMIZER_ANSWERS, [userId])
      return optimizerCsv(rows.map((r) => ({ ...r, review: asDate(r.review) })))
    })
}

export const reviewLogCsv = createReviewLogCsv(db.exec)
