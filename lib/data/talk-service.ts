/**
 * The talks' use cases (issue #19): keep a person's talks, and show one with its plan. Generators of the statements
 * in ./talk-sql.ts (decision 0007), run on either engine. The plan is computed by the pure core
 * (lib/core/talk-plan.ts) each time a talk is read, from the cards' states now; nothing about it is stored, and no
 * grade computes it.
 */
import { randomUUID } from 'node:crypto'
import { all, asBool, asDate, get, run, type Executor, type Work } from '../db/sql'
import { presentText } from '../core/present'
import { titleText } from '../core/display-language'
import { sectionKey } from '../core/quiz'
import { daysUntil, inTalkScope, type TalkInput } from '../core/talk'
import { cardsByClaim, reviewsPerDayOf, secondsPerCardOf, talkPlan, type TalkCard, type TalkPlan } from '../core/talk-plan'
import { localDate, noonDateOfStudyDay, startOfStudyDay, studyDay, studyDayOfNoon } from '../core/study-day'
import { allowance } from '../core/queue'
import { claimRecall, type ClaimRecall } from '../core/mastery'
import { recallNow, type StudyContext } from '../core/scheduler'
import type { DisplayLanguage } from '../core/settings'
import { readConfig, readDayFacts, todayOf, type UserStudyConfig } from './study-context'
import { desiredRetentionOf } from './claim-progress'
import { MAP_CARDS } from './progress-sql'
import { stateFromRow } from './study-sql'
import * as Q from './talk-sql'

export type Talk = {
  id: string
  title: string
  /** The calendar date in the person's zone, "YYYY-MM-DD". */
  date: string
  sections: string[]
  tags: string[]
  minutesPerDay: number | null
  createdAt: string
}

export type TalkClaim = {
  claimId: string
  deckId: string
  sectionId: string
  sectionTitle: string
  claimHtml: string
  /** The claim's recall now, the figure the map shows for it (lib/core/mastery.ts, claimRecall). */
  now: ClaimRecall
  /** Its recall on the day without more reviews, by the same rule (null: none of its cards studied); after the plan. */
  withoutPlan: number | null
  withPlan: number
  /** Below the target on the day without more reviews (a card not studied, or the weakest under the target). */
  weak: boolean
  reaches: boolean
}

/** `title`: the section's title in both languages; pages show it in the display language with <LangText> (one rule). */
export type TalkSection = { deckId: string; sectionId: string; title: { en: string; zh: string }; claims: TalkClaim[] }

export type TalkView = {
  talk: Talk
  /** Today's study day, and the talk's: the one that holds noon of its date (docs/decisions/0016-talk-plan.md). */
  today: number
  talkDay: number
  /** Today's calendar date in the person's zone, "YYYY-MM-DD": the earliest date the talk may be moved to. */
  todayDate: string
  /** Calendar days from today to the talk's date (0 on its date, negative after it), whatever the rollover hour. */
  daysLeft: number
  /** The calendar date a plan's study day is shown as: the date whose noon it holds. */
  dateOfDay: (day: number) => string
  /** The desired retention of the person's settings: every claim is planned to reach it on the day. */
  target: number
  secondsPerCard: number
  /** The daily cap in answers (due ones included), or null without a limit of minutes. */
  reviewsPerDay: number | null
  plan: TalkPlan
  sections: TalkSection[]
  /** Claims below the target on the day if nothing more is done. */
  belowTarget: number
  /** Cards in scope already answered today: today's part done so far. */
  answeredToday: number
  /** The display language the texts are in. */
  language: DisplayLanguage
}

/** How far back answer times are read for the seconds a card takes. */
const DURATION_DAYS = 30

function talkOf(row: Q.TalkRow): Talk {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    sections: JSON.parse(row.sections) as string[],
    tags: JSON.parse(row.tags) as string[],
    minutesPerDay: row.minutesPerDay,
    createdAt: asDate(row.createdAt).toISOString(),
  }
}

const talkParams = (input: TalkInput) => [input.title, input.date, JSON.stringify(input.sections), JSON.stringify(input.tags), input.minutesPerDay] as const

/** The cards of the claims in scope, with the claims' texts, in interview order. */
function* scopeWork(userId: string, talk: Talk) {
  const claims = (yield* all(Q.CLAIM_TEXTS, [])).filter((c) =>
    inTalkScope(talk, { sectionKey: sectionKey(c.deckId, c.sectionId), tags: JSON.parse(c.tags) as string[] }),
  )
  const wanted = new Set(claims.map((c) => c.id))
  const cards: TalkCard[] = []
  for (const row of yield* all(MAP_CARDS, [userId, userId])) {
    if (!wanted.has(row.claimId)) continue
    const state = row.cardId === null ? null : stateFromRow(row)
    cards.push({ cardId: row.cardRef, claimId: row.claimId, retired: asBool(row.retired), suspended: state?.suspended ?? false, state })
  }
  return { claims, cards }
}

function* viewWork(userId: string, talkId: string, now: Date): Work<TalkView | null> {
  const row = yield* get(Q.TALK, [talkId, userId])
  if (!row) return null
  const config = yield* readConfig(userId)
  return yield* planWork(userId, talkOf(row), config, now)
}

function* planWork(userId: string, talk: Talk, config: UserStudyConfig, now: Date): Work<TalkView> {
  const { timeZone, rolloverHour, displayLanguage } = config.settings
  const today = todayOf(config, now)
  const { claims, cards } = yield* scopeWork(userId, talk)
  const durations = (yield* all(Q.RECENT_DURATIONS, [userId, today - DURATION_DAYS])).map((r) => r.durationMs)
  const secondsPerCard = secondsPerCardOf(durations)
  const reviewsPerDay = reviewsPerDayOf(talk.minutesPerDay, secondsPerCard)
  const target = desiredRetentionOf(config)
  const talkDay = studyDayOfNoon(talk.date, rolloverHour)
  const todayDate = localDate(now, timeZone)
  const ctx = { now, timeZone, rolloverHour, parameters: config.parameters, today }
  // New cards begun by the plan keep within the day's new-card limit, which the queue and the grade hold to.
  const facts = yield* readDayFacts(userId, today, startOfStudyDay(today + 1, timeZone, rolloverHour))
  const newPerDay = { today: allowance(config.settings, config.studyMore, today, facts).newAllowed, later: config.settings.newPerDay }
  const plan = talkPlan({ cards, talkDay, ctx, target, reviewsPerDay, newPerDay })
  const forecast = new Map(plan.claims.map((c) => [c.claimId, c]))
  const sections = sectionsOf(claims, forecast, recallsNow(cards, ctx), displayLanguage)
  const answeredToday = cards.filter((c) => c.state?.lastReview && studyDay(c.state.lastReview, timeZone, rolloverHour) >= today).length
  return {
    talk,
    today,
    talkDay,
    todayDate,
    daysLeft: daysUntil(talk.date, todayDate),
    dateOfDay: (day) => noonDateOfStudyDay(day, rolloverHour),
    target,
    secondsPerCard,
    reviewsPerDay,
    plan,
    sections,
    belowTarget: plan.claims.filter((c) => c.weak).length,
    answeredToday,
    language: displayLanguage,
  }
}

type ClaimText = (typeof Q.CLAIM_TEXTS)['row']

/** Each claim's recall now, by the one rule every page uses (the map reads the same cards: MAP_CARDS). */
function recallsNow(cards: readonly TalkCard[], ctx: StudyContext): Map<string, ClaimRecall> {
  return new Map([...cardsByClaim(cards)].map(([claimId, own]) => [claimId, claimRecall(own, (c) => recallNow(c.state, ctx) ?? 0)]))
}

function sectionsOf(claims: readonly ClaimText[], forecast: Map<string, TalkPlan['claims'][number]>, now: Map<string, ClaimRecall>, lang: DisplayLanguage): TalkSection[] {
  const sections: TalkSection[] = []
  for (const c of claims) {
    const f = forecast.get(c.id)
    if (!f) continue // no live, unsuspended card: nothing to plan
    let section = sections.at(-1)
    if (!section || section.deckId !== c.deckId || section.sectionId !== c.sectionId) {
      sections.push((section = { deckId: c.deckId, sectionId: c.sectionId, title: { en: c.sectionTitleEn, zh: c.sectionTitleZh }, claims: [] }))
    }
    section.claims.push({
      claimId: c.id,
      deckId: c.deckId,
      sectionId: c.sectionId,
      sectionTitle: titleText(c.sectionTitleEn, c.sectionTitleZh, lang).text,
      claimHtml: presentText(c.textEn, c.textZh, lang),
      now: now.get(c.id)!,
      withoutPlan: f.withoutPlan,
      withPlan: f.withPlan,
      weak: f.weak,
      reaches: f.reaches,
    })
  }
  return sections
}

/** The next talk not yet past (today's included), with its plan: the home page's countdown. */
function* nextWork(userId: string, now: Date): Work<TalkView | null> {
  const config = yield* readConfig(userId)
  const [row] = yield* all(Q.UPCOMING_TALKS, [userId, localDate(now, config.settings.timeZone)])
  return row ? yield* planWork(userId, talkOf(row), config, now) : null
}

/**
 * Today's planned cards of every talk not yet past, for the queue (lib/data/study-service.ts reads them). The
 * plan is worked out at the first look of the study day and kept for the day: today's part stays what the person
 * was shown, and the queue does not plan again after each answer. A changed talk (or a new one) is another key
 * (the caches' contract is stated once, in ./study-cache.ts).
 */
const plannedToday = new Map<string, string[]>()
const PLANNED_TODAY_MAX = 10_000

export function* plannedTodayWork(userId: string, config: UserStudyConfig, now: Date): Work<string[]> {
  const today = todayOf(config, now)
  // Talks on today's study day or later (by the date that day holds the noon of), the same all day long.
  const rows = yield* all(Q.UPCOMING_TALKS, [userId, noonDateOfStudyDay(today, config.settings.rolloverHour)])
  if (rows.length === 0) return []
  const key = `${userId}|${today}|${rows.map((r) => `${r.id}:${r.date}:${r.sections}:${r.tags}:${r.minutesPerDay}`).join(',')}`
  const known = plannedToday.get(key)
  if (known) return known
  const ids = new Set<string>()
  for (const row of rows) {
    const view = yield* planWork(userId, talkOf(row), config, now)
    for (const id of view.plan.days[0]?.plannedCards ?? []) ids.add(id)
  }
  if (plannedToday.size > PLANNED_TODAY_MAX) plannedToday.clear()
  plannedToday.set(key, [...ids])
  return [...ids]
}

export function createTalks(exec: Executor) {
  return {
    list: (userId: string) => exec.read(function* () {
      return (yield* all(Q.TALKS, [userId])).map(talkOf)
    }),
    create: (userId: string, input: TalkInput, now: Date, id: string = randomUUID()) =>
      exec.write(function* () {
        yield* run(Q.INSERT_TALK, [id, userId, ...talkParams(input), now])
        return id
      }),
    /** False when the talk is not this person's (or is gone). */
    update: async (userId: string, talkId: string, input: TalkInput) => (await exec.write(() => run(Q.UPDATE_TALK, [...talkParams(input), talkId, userId]))) === 1,
    remove: async (userId: string, talkId: string) => (await exec.write(() => run(Q.DELETE_TALK, [talkId, userId]))) === 1,
    view: (userId: string, talkId: string, now: Date) => exec.read(() => viewWork(userId, talkId, now)),
    next: (userId: string, now: Date) => exec.read(() => nextWork(userId, now)),
  }
}

export type Talks = ReturnType<typeof createTalks>
