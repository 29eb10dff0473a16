/**
 * The progress use cases (issue #17): the interview map, a claim's detail, the statistics, and the home page's
 * figures. Generators of the statements in ./progress-sql.ts (decision 0007), run on either engine. Counts and day
 * buckets come from the database; mastery and retrievability from the pure core (lib/core/mastery.ts). Nothing reads
 * a person's whole log: the map reads one row per card, the statistics a row per study day.
 */
import { all, asBool, asDate, asDateOrNull, get, type Executor, type Work } from '../db/sql'
import { claimMastery, type ClaimMastery, type Mastery } from '../core/mastery'
import { recallNow } from '../core/scheduler'
import { CardStateKind, type StateRow } from '../core/card-state'
import { trueRetentionFirstDay, trueRetentionTable, type TrueRetentionRow } from '../core/true-retention'
import { dueForecast, heatmapFirstDay, retention, streaks, summarise, type DayCount, type Retention, type Streaks } from '../core/progress'
import { readConfig, todayOf, type UserStudyConfig } from './study-context'
import { masteryContext, desiredRetentionOf } from './claim-progress'
import * as Q from './progress-sql'
import { stateFromRow } from './study-sql'

export type CardProgress = { cardId: string; retired: boolean; state: StateRow | null; retrievability: number | null }

export type ClaimProgress = ClaimMastery & {
  claimId: string
  deckId: string
  sectionId: string
  learnedAt: Date | null
  cards: CardProgress[]
}

export type SectionProgress = ReturnType<typeof summarise> & { deckId: string; sectionId: string; claims: ClaimProgress[] }

export type InterviewMap = ReturnType<typeof summarise> & { sections: SectionProgress[]; desiredRetention: number }

export type StateCounts = { new: number; learning: number; review: number; relearning: number }

export type Statistics = {
  today: number
  /** Answers per study day over the heatmap's 53 weeks (days without any are absent). */
  yearCounts: DayCount[]
  /** The last 30 study days, oldest first: answers and minutes. */
  recent: { studyDay: number; reviews: number; durationMs: number }[]
  forecast: number[]
  retention7: Retention
  retention30: Retention
  /** True retention by period, young and mature, as Anki 24.11 counts it (lib/core/true-retention.ts). */
  trueRetention: TrueRetentionRow[]
  desiredRetention: number
  states: StateCounts
  streaks: Streaks
}

export type HomeProgress = { learned: number; total: number; streaks: Streaks }

export const RECENT_DAYS = 30
export const FORECAST_DAYS = 30

/** Every live claim with its mastery now, in deck order (the quiz chooses its weakest claims from these). */
export function* claimsWork(userId: string, config: UserStudyConfig, now: Date): Work<ClaimProgress[]> {
  const ctx = masteryContext(config, now)
  const claims: ClaimProgress[] = []
  const byClaim = new Map<string, { row: Q.MapRow; cards: CardProgress[] }>()
  for (const row of yield* all(Q.MAP_CARDS, [userId, userId])) {
    let claim = byClaim.get(row.claimId)
    if (!claim) byClaim.set(row.claimId, (claim = { row, cards: [] }))
    const state = row.cardId === null ? null : stateFromRow(row)
    claim.cards.push({ cardId: row.cardRef, retired: asBool(row.retired), state, retrievability: recallNow(state, ctx) })
  }
  for (const { row, cards } of byClaim.values()) {
    const mastery = claimMastery(cards.map((c) => ({ ...c, suspended: c.state?.suspended ?? false })), row.learnedAt !== null, ctx)
    if (!mastery) continue
    claims.push({ ...mastery, claimId: row.claimId, deckId: row.deckId, sectionId: row.sectionId, learnedAt: asDateOrNull(row.learnedAt), cards: cards.filter((c) => !c.retired) })
  }
  return claims
}

function* mapWork(userId: string, now: Date): Work<InterviewMap> {
  const config = yield* readConfig(userId)
  const claims = yield* claimsWork(userId, config, now)
  const sections: SectionProgress[] = []
  for (const claim of claims) {
    const last = sections.at(-1)
    if (last && last.deckId === claim.deckId && last.sectionId === claim.sectionId) last.claims.push(claim)
    else sections.push({ deckId: claim.deckId, sectionId: claim.sectionId, claims: [claim], ...summarise([]) })
  }
  return {
    ...summarise(claims),
    desiredRetention: desiredRetentionOf(config),
    sections: sections.map((s) => ({ ...s, ...summarise(s.claims) })),
  }
}

function* activeDaysWork(userId: string): Work<number[]> {
  return (yield* all(Q.ACTIVE_DAYS, [userId, userId])).map((r) => Number(r.day))
}

function* statisticsWork(userId: string, now: Date): Work<Statistics> {
  const config = yield* readConfig(userId)
  const { timeZone, rolloverHour } = config.settings
  const today = todayOf(config, now)
  // The live cards' states only: no mastery or retrievability is needed here.
  const cards = (yield* all(Q.MAP_CARDS, [userId, userId])).flatMap((r) => (asBool(r.retired) ? [] : [{ state: r.cardId === null ? null : stateFromRow(r) }]))
  const states: StateCounts = { new: 0, learning: 0, review: 0, relearning: 0 }
  for (const c of cards) {
    const kind = c.state?.state ?? CardStateKind.New
    if (kind === CardStateKind.Learning) states.learning++
    else if (kind === CardStateKind.Review) states.review++
    else if (kind === CardStateKind.Relearning) states.relearning++
    else states.new++
  }
  const seenDues = cards.flatMap((c) => (c.state && c.state.state !== CardStateKind.New ? [c.state.due] : []))
  const yearCounts = yield* all(Q.DAY_COUNTS, [userId, heatmapFirstDay(today), today])
  const details = new Map((yield* all(Q.DAY_DETAILS, [userId, today - (RECENT_DAYS - 1), today])).map((r) => [r.studyDay, r]))
  const recent = Array.from({ length: RECENT_DAYS }, (_, i) => {
    const day = today - (RECENT_DAYS - 1) + i
    const r = details.get(day)
    return { studyDay: day, reviews: r?.reviews ?? 0, durationMs: r?.durationMs ?? 0 }
  })
  const retentionSince = (first: number) => {
    let passed = 0
    let answered = 0
    for (const r of details.values()) {
      if (r.studyDay < first) continue
      passed += r.reviewPassed
      answered += r.reviewAnswers
    }
    return retention(passed, answered)
  }
  return {
    today,
    yearCounts,
    recent,
    forecast: dueForecast(seenDues, now, timeZone, rolloverHour, FORECAST_DAYS),
    retention7: retentionSince(today - 6),
    retention30: retentionSince(today - (RECENT_DAYS - 1)),
    trueRetention: trueRetentionTable(
      (yield* all(Q.TRUE_RETENTION_DAYS, [userId, trueRetentionFirstDay(today), today])).flatMap((r) => [
        { studyDay: r.studyDay, mature: false, passed: r.youngPassed, failed: r.youngFailed },
        { studyDay: r.studyDay, mature: true, passed: r.maturePassed, failed: r.matureFailed },
      ]),
      today,
    ),
    desiredRetention: desiredRetentionOf(config),
    states,
    streaks: streaks(yield* activeDaysWork(userId), today),
  }
}

function* homeWork(userId: string, config: UserStudyConfig, now: Date): Work<HomeProgress> {
  const claims = yield* claimsWork(userId, config, now)
  const today = todayOf(config, now)
  const { learned, total } = summarise(claims)
  return { learned, total, streaks: streaks(yield* activeDaysWork(userId), today) }
}

export type ClaimAnswer = { id: string; cardId: string; rating: number; state: number; review: Date; durationMs: number }

function* claimWork(userId: string, claimId: string, now: Date): Work<{ claim: ClaimProgress; history: ClaimAnswer[]; answers: number } | null> {
  const config = yield* readConfig(userId)
  const claim = (yield* claimsWork(userId, config, now)).find((c) => c.claimId === claimId)
  if (!claim || claim.cards.length === 0) return null
  const ids = claim.cards.map((c) => c.cardId).slice(0, 100)
  const history = (yield* all(Q.CLAIM_HISTORY(ids.length), [userId, ...ids])).map((r) => ({ ...r, review: asDate(r.review) }))
  const answers = (yield* get(Q.CLAIM_ANSWER_COUNT(ids.length), [userId, ...ids]))!.n
  return { claim, history, answers }
}

export function createProgress(exec: Executor) {
  return {
    /** Every section's claims with their mastery now, learned X of N and mean retrievability. */
    map: (userId: string, now: Date) => exec.read(() => mapWork(userId, now)),
    /** One claim: its cards' states and retrievability, and its latest 100 answers. Null for an unknown claim. */
    claim: (userId: string, claimId: string, now: Date) => exec.read(() => claimWork(userId, claimId, now)),
    statistics: (userId: string, now: Date) => exec.read(() => statisticsWork(userId, now)),
    /** Claims learned X of N and the streak, for the home page (with the config the page already read). */
    home: (userId: string, now: Date, config: UserStudyConfig) => exec.read(() => homeWork(userId, config, now)),
  }
}

export type Progress = ReturnType<typeof createProgress>
export type { Mastery }
