/**
 * What the FSRS optimizer learns from, and how well a set of weights fits it (issue #35). Pure: the review log in,
 * items and figures out. The data layer (lib/data/optimize-service.ts) reads the log and writes the result; the fit
 * itself runs in a worker (lib/server/optimize-job.ts).
 *
 * Items are built as Anki builds them for training (rslib/src/scheduler/fsrs/params.rs, reviews_for_fsrs): per card,
 * its answers since its last reset, from the first answer to it as a new card; each answer after the first that
 * came on a later study day than the one before is one item, holding the card's answers up to it. Same-day answers
 * (learning steps) stay in the history but are not items of their own: they are not long-term reviews.
 */
import { memoryModel, type Grade, type MemoryState } from './scheduler'

/** One review-log entry as the optimizer reads it (ReviewLog's columns). */
export type FitLogEntry = {
  cardId: string
  /** "review", "quiz" or a manual change (lib/core/log-kinds.ts). */
  kind: string
  rating: number
  /** The card's state before this entry (ts-fsrs: New 0, Learning 1, Review 2, Relearning 3). */
  state: number
  /** The study day the entry was written on, as stored: the scheduler's own counting (decision 0003). */
  studyDay: number
  /** When the answer was given (epoch ms): the items' chronological order. */
  reviewMs: number
  /** The person's write order: ties of reviewMs, and each card's order. */
  sequence: number
  undone: boolean
}

/** One answer of an item's history: its rating and the whole study days since the answer before (0 for the first). */
export type FitReview = [rating: Grade, elapsedDays: number]

/** fsrs-rs's training item: a card's answers up to one long-term answer (the last), oldest first. */
export type FitItem = { cardId: string; reviews: FitReview[] }

/** fsrs-rs fits nothing below this many items (it returns the defaults). */
export const MIN_ITEMS_TO_FIT = 8
/** Below this many items fsrs-rs fits only the first stabilities (w0–w3); from it on, all 21 weights. */
export const MIN_ITEMS_FULL_FIT = 64

const STATE_NEW = 0

/**
 * Each card's history as the optimizer reads it: its answers (kind `review`, not undone) since its last reset, from
 * the first answer to it as a new card, with the study days between them. Quiz answers (which change no schedule),
 * manual changes and undone entries are left out; a card with no answer as a new card in what is left (a history
 * that begins elsewhere) has none.
 * @example cardHistories([{ cardId: 'c', kind: 'review', rating: 3, state: 0, studyDay: 10, … }, { …rating: 3, state: 1, studyDay: 12 }]).get('c') // [[3, 0], [3, 2]]
 */
export function cardHistories(log: readonly FitLogEntry[]): Map<string, { reviews: FitReview[]; entries: FitLogEntry[] }> {
  const byCard = new Map<string, FitLogEntry[]>()
  for (const entry of log) {
    if (entry.undone) continue
    let list = byCard.get(entry.cardId)
    if (!list) byCard.set(entry.cardId, (list = []))
    list.push(entry)
  }
  const histories = new Map<string, { reviews: FitReview[]; entries: FitLogEntry[] }>()
  for (const [cardId, list] of byCard) {
    list.sort((a, b) => a.sequence - b.sequence)
    // After the last reset only, and from the answer to the card as new there (Anki: the last group of learning
    // entries); a history that begins elsewhere is incomplete.
    let from = 0
    list.forEach((e, i) => {
      if (e.kind === 'reset') from = i + 1
    })
    const start = list.findIndex((e, i) => i >= from && isAnswer(e) && e.state === STATE_NEW)
    if (start < 0) continue
    const answers = list.slice(start).filter(isAnswer)
    const reviews = answers.map((e, i): FitReview => [e.rating as Grade, i === 0 ? 0 : Math.max(0, e.studyDay - answers[i - 1]!.studyDay)])
    histories.set(cardId, { reviews, entries: answers })
  }
  return histories
}

const isAnswer = (e: FitLogEntry) => e.kind === 'review' && e.rating >= 1 && e.rating <= 4

/**
 * The optimizer's items, in the order their last answers were given (Anki sorts them by revlog id; the recency
 * weights of the evaluation depend on it).
 */
export function fitItems(log: readonly FitLogEntry[]): FitItem[] {
  const dated: { item: FitItem; reviewMs: number; sequence: number }[] = []
  for (const [cardId, { reviews, entries }] of cardHistories(log)) {
    for (let i = 1; i < reviews.length; i++) {
      if (reviews[i]![1] > 0) dated.push({ item: { cardId, reviews: reviews.slice(0, i + 1) }, reviewMs: entries[i]!.reviewMs, sequence: entries[i]!.sequence })
    }
  }
  dated.sort((a, b) => a.reviewMs - b.reviewMs || a.sequence - b.sequence)
  return dated.map((d) => d.item)
}

/** How many items fitItems would build, without building them (the settings page shows it on every view). */
export function fitItemCount(log: readonly FitLogEntry[]): number {
  let count = 0
  for (const { reviews } of cardHistories(log).values()) for (let i = 1; i < reviews.length; i++) if (reviews[i]![1] > 0) count += 1
  return count
}

/** Whether these items are enough for a fit, and how many more answers (to cards studied on an earlier day) it needs. */
export type FitReadiness =
  | { kind: 'too-few'; items: number; more: number }
  | { kind: 'first-stabilities-only'; items: number; moreForAll: number }
  | { kind: 'enough'; items: number }

/**
 * @example fitReadiness(3) // { kind: 'too-few', items: 3, more: 5 }
 * @example fitReadiness(20) // { kind: 'first-stabilities-only', items: 20, moreForAll: 44 }
 */
export function fitReadiness(items: number): FitReadiness {
  if (items < MIN_ITEMS_TO_FIT) return { kind: 'too-few', items, more: MIN_ITEMS_TO_FIT - items }
  if (items < MIN_ITEMS_FULL_FIT) return { kind: 'first-stabilities-only', items, moreForAll: MIN_ITEMS_FULL_FIT - items }
  return { kind: 'enough', items }
}

/** How well weights predict the answers: fsrs-rs's log loss and RMSE over bins (lower is better, both). */
export type FitEvaluation = { logLoss: number; rmseBins: number }

/**
 * The log loss and RMSE(bins) of these weights on these items, as fsrs-rs's `FSRS::evaluate` computes them (the
 * evaluation Anki runs on the current and the new weights after optimizing, rslib/src/scheduler/fsrs/params.rs):
 * the items in chronological order, weighted for recency (0.25 + 0.75·(i/(n−1))³, the latest counts four times the
 * first); each item's recall predicted from the state after its history, at its last answer's days; its label
 * "recalled" for Hard, Good or Easy; the bins those of fsrs-rs's `r_matrix_index` (days, length, lapses on a
 * log scale), each bin's squared error weighted by the weights in it.
 *
 * Where ours differs: we compute in double precision (fsrs-rs in f32, batched), so figures agree to about 1e-5, not
 * bit for bit; a predicted recall is kept within [1e-7, 1 − 1e-7] (fsrs-rs would fail the whole evaluation on a
 * log of 0, which an extreme set of weights can reach). We call this on the items as built above rather than the
 * binding's `evaluate`, which first drops outliers and reorders items: on a small history that changes the figures
 * and throws "not enough data" where Anki still shows numbers.
 * @example fitEvaluation(DEFAULT_WEIGHTS, items) // { logLoss: 0.31…, rmseBins: 0.04… }
 */
export function fitEvaluation(w: readonly number[], items: readonly FitItem[]): FitEvaluation | null {
  if (items.length === 0) return null
  const model = memoryModel(w)
  const span = Math.max(items.length - 1, 1)
  let lossSum = 0
  let weightSum = 0
  const bins = new Map<string, { predicted: number; actual: number; count: number; weight: number }>()
  items.forEach((item, index) => {
    const weight = 0.25 + 0.75 * (index / span) ** 3
    let state: MemoryState | null = null
    for (let i = 0; i < item.reviews.length - 1; i++) state = model.step(state, item.reviews[i]![1], item.reviews[i]![0])
    const [rating, days] = item.reviews[item.reviews.length - 1]!
    const p = Math.min(Math.max(model.recall(days, state!.stability), 1e-7), 1 - 1e-7)
    const y = rating > 1 ? 1 : 0
    lossSum += (y * Math.log(p) + (1 - y) * Math.log(1 - p)) * weight
    weightSum += weight
    const key = binOf(item.reviews)
    const bin = bins.get(key) ?? { predicted: 0, actual: 0, count: 0, weight: 0 }
    bin.predicted += p
    bin.actual += y
    bin.count += 1
    bin.weight += weight
    bins.set(key, bin)
  })
  let squared = 0
  let binWeight = 0
  for (const b of bins.values()) {
    squared += (b.predicted / b.count - b.actual / b.count) ** 2 * b.weight
    binWeight += b.weight
  }
  return { logLoss: -lossSum / weightSum, rmseBins: Math.sqrt(squared / binWeight) }
}

/** fsrs-rs's `r_matrix_index`: the item's last answer's days, its number of long-term answers, and its lapses, binned. */
function binOf(reviews: readonly FitReview[]): string {
  const days = reviews[reviews.length - 1]![1]
  const daysBin = Math.round(2.48 * 3.62 ** Math.floor(Math.log(days) / Math.log(3.62)) * 100)
  const length = reviews.filter(([, d]) => d > 0).length + 1
  const lengthBin = Math.round(1.99 * 1.89 ** Math.floor(Math.log(length) / Math.log(1.89)))
  const lapses = reviews.slice(0, -1).filter(([r, d]) => r === 1 && d > 0).length
  const lapseBin = lapses === 0 ? 0 : Math.round(1.65 * 1.73 ** Math.floor(Math.log(lapses) / Math.log(1.73)))
  return `${daysBin}|${lengthBin}|${lapseBin}`
}

/**
 * Each card's memory state after its whole history with these weights (same-day answers included, as the scheduler
 * steps them), for the cards whose history is complete (cardHistories); the others keep theirs.
 */
export function memoryStatesFromLog(w: readonly number[], log: readonly FitLogEntry[]): Map<string, MemoryState> {
  const model = memoryModel(w)
  const states = new Map<string, MemoryState>()
  for (const [cardId, { reviews }] of cardHistories(log)) {
    let state: MemoryState | null = null
    for (const [rating, days] of reviews) state = model.step(state, days, rating)
    if (state) states.set(cardId, state)
  }
  return states
}
