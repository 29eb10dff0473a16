/**
 * The review log as the FSRS optimizer's CSV (open-spaced-repetition's fsrs-optimizer and fsrs-rs's CSV converter):
 * `card_id,review_time,review_rating,review_state,review_duration`, one answer a line, oldest first. Times are in
 * milliseconds (review_time since 1970 UTC; the converter is told the time zone and rollover hour separately), the
 * state is the card's before the answer (0 new, 1 learning, 2 review, 3 relearning, as ts-fsrs numbers them), and
 * the duration is the answer time as logged (capped at 60 s). Only answers count: undone ones, quiz answers (which
 * change no schedule) and manual changes (bury, suspend, reset…) are left out by the query (lib/data/review-log-csv.ts).
 */
import { createHash } from 'node:crypto'

export const OPTIMIZER_CSV_HEADER = 'card_id,review_time,review_rating,review_state,review_duration'

/**
 * The optimizer wants an integer card id; ours are strings. Each card's integer is the first 12 hex digits (48 bits)
 * of the SHA-256 of its id, read as a number: stable across exports, people and servers, and below 2^53, so every
 * tool reads it exactly. Two of a deck's few hundred ids sharing one has a chance of about 1 in 10^10.
 * @example optimizerCardId('s01-c01') // the same number in every export; `printf %s s01-c01 | sha256sum` shows its hex
 */
export function optimizerCardId(cardId: string): number {
  return parseInt(createHash('sha256').update(cardId).digest('hex').slice(0, 12), 16)
}

export type OptimizerAnswer = { cardId: string; review: Date; rating: number; state: number; durationMs: number }

/** The CSV text, header first, a line per answer in the order given, each line ending in a newline. */
export function optimizerCsv(answers: readonly OptimizerAnswer[]): string {
  const ids = new Map<string, number>()
  const lines = [OPTIMIZER_CSV_HEADER]
  for (const a of answers) {
    let id = ids.get(a.cardId)
    if (id === undefined) ids.set(a.cardId, (id = optimizerCardId(a.cardId)))
    lines.push(`${id},${a.review.getTime()},${a.rating},${a.state},${Math.round(a.durationMs)}`)
  }
  return lines.join('\n') + '\n'
}
