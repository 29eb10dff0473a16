/**
 * A person's review history made through the app's own grade path (study.gradeCard), day by day, answered by a
 * simulated learner who forgets by FSRS with weights of their own (`trueWeights`): the optimizer's store test and
 * its benchmark (bench/optimize.ts) fit to it. Deterministic: a seeded generator, simulated days at 14:00 UTC.
 */
import { randomUUID } from 'node:crypto'
import type { Study } from '../lib/data/study-service'
import { memoryModel, type Grade, type MemoryState } from '../lib/core/scheduler'
import { DAY_MS } from '../lib/core/study-day'

/** A learner who forgets faster than FSRS's defaults expect (lower first stabilities, a steeper curve). */
export const FORGETFUL_WEIGHTS: readonly number[] = [
  0.08, 0.4, 1.2, 4.0, 6.8, 0.6, 2.2, 0.02, 1.4, 0.12, 0.9, 1.9, 0.11, 0.3, 2.2, 0.25, 2.9, 0.5, 0.35, 0.12, 0.2,
]

/** A seeded generator of numbers in [0, 1) (Park–Miller). */
export function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

export type SyntheticOptions = {
  userId: string
  cardIds: readonly string[]
  /** Answers to give in all (the history stops there). */
  answers: number
  /** The first simulated day's midnight (UTC). */
  startMs: number
  newPerDay: number
  trueWeights?: readonly number[]
  seed?: number
}

/** Grades `answers` answers through `study` and returns the instant after the last one. */
export async function gradeSyntheticHistory(study: Study, o: SyntheticOptions): Promise<Date> {
  const random = seeded(o.seed ?? 42)
  const truth = memoryModel(o.trueWeights ?? FORGETFUL_WEIGHTS)
  type Learner = { version: number; dueMs: number; memory: MemoryState | null; lastDay: number }
  const cards = new Map<string, Learner>()
  let given = 0
  let unseen = 0
  let lastMs = o.startMs
  const answer = async (cardId: string, rating: Grade, at: Date) => {
    const card = cards.get(cardId) ?? { version: 0, dueMs: 0, memory: null, lastDay: 0 }
    const result = await study.gradeCard(o.userId, { reviewId: randomUUID(), cardId, rating, version: card.version, durationMs: 3000 + Math.round(random() * 6000) }, at)
    if (result.kind !== 'graded') throw new Error(`synthetic grade of ${cardId} not applied: ${result.kind}`)
    const day = Math.floor(at.getTime() / DAY_MS)
    const memory = truth.step(card.memory, card.memory ? day - card.lastDay : 0, rating)
    cards.set(cardId, { version: result.state.version, dueMs: Date.parse(result.state.due), memory, lastDay: day })
    given += 1
    lastMs = Math.max(lastMs, at.getTime())
  }
  /** The learner's rating now: Again when they forget (by their own memory), else mostly Good. */
  const rate = (card: Learner | undefined, day: number): Grade => {
    if (!card?.memory) return random() < 0.25 ? 1 : random() < 0.9 ? 3 : 4
    if (random() >= truth.recall(day - card.lastDay, card.memory.stability)) return 1
    const r = random()
    return r < 0.1 ? 2 : r < 0.95 ? 3 : 4
  }
  for (let day = 0; given < o.answers; day++) {
    const dayStartMs = o.startMs + day * DAY_MS + 14 * 3_600_000
    const simulatedDay = Math.floor(dayStartMs / DAY_MS)
    const due = [...cards].filter(([, c]) => c.dueMs <= dayStartMs).map(([id]) => id)
    const fresh = o.cardIds.slice(unseen, unseen + o.newPerDay)
    unseen += fresh.length
    let minute = 0
    for (const cardId of [...due, ...fresh]) {
      if (given >= o.answers) break
      const at = new Date(dayStartMs + minute++ * 60_000)
      await answer(cardId, rate(cards.get(cardId), simulatedDay), at)
      // Same-day steps: a card in (re)learning comes back within the day, and is answered Good (its step).
      for (let step = 0; step < 3 && given < o.answers; step++) {
        const card = cards.get(cardId)!
        if (card.dueMs - dayStartMs >= 10 * 3_600_000) break
        await answer(cardId, 3, new Date(Math.max(card.dueMs, dayStartMs + minute++ * 60_000)))
      }
    }
  }
  return new Date(lastMs + 60_000)
}
