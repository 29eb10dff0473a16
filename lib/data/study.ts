/**
 * The study data layer: today's queue, the home page's counts, and grading. Every query takes the user id.
 * "Now" and the user's settings come in as arguments; the scheduling itself is the pure core's.
 */
import 'server-only'
import { Prisma } from '../generated/prisma/client'
import { prisma } from '../db/prisma'
import { buildQueue, LEARN_AHEAD_MS } from '../core/queue'
import { answerCard, answerOutcomes, GRADES, type Grade, type SchedulingState, type StudyContext } from '../core/scheduler'
import { startOfStudyDay, studyDay } from '../core/study-day'
import { presentCard, presentText } from '../core/present'
import type { StudySettings } from '../core/settings'

export const MAX_DURATION_MS = 60_000
const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const

export type StudyCard = {
  cardId: string
  version: number
  kind: 'basic' | 'cloze'
  state: (typeof STATE_NAMES)[number]
  promptHtml: string
  answerHtml: string
  claim: { id: string; html: string; whyHtml: string }
  section: { id: string; deckId: string; title: string }
  /** The interval each answer would give, e.g. { 1: "1m", 3: "10m" }. */
  intervals: Record<Grade, string>
}

export type TodayCounts = { new: number; learning: number; review: number; nextDueAt: string | null }

type StateRow = SchedulingState & { version: number }

function contextFor(settings: StudySettings, now: Date, parameters?: StudyContext['parameters']): StudyContext {
  return { now, timeZone: settings.timeZone, rolloverHour: settings.rolloverHour, parameters }
}

async function parametersOf(userId: string): Promise<StudyContext['parameters']> {
  const row = await prisma.userSettings.findUnique({ where: { userId }, select: { fsrsParameters: true } })
  return row?.fsrsParameters ? (JSON.parse(row.fsrsParameters) as StudyContext['parameters']) : undefined
}

export function fuzzSeed(userId: string, cardId: string, version: number): string {
  return `${userId}:${cardId}:${version}`
}

function toSchedulingState(row: StateRow | null): SchedulingState | null {
  if (!row) return null
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  }
}

async function newCardsIntroducedToday(userId: string, today: number): Promise<number> {
  return prisma.reviewLog.count({ where: { userId, studyDay: today, state: 0, kind: 'review', undone: false } })
}

/** Today's counts for the home page: new cards left today, learning cards due today, reviews due now. */
export async function todayCounts(userId: string, settings: StudySettings, now: Date): Promise<TodayCounts> {
  const today = studyDay(now, settings.timeZone, settings.rolloverHour)
  const endOfDay = startOfStudyDay(today + 1, settings.timeZone, settings.rolloverHour)
  const [learning, review, unseen, introduced, next] = await Promise.all([
    prisma.cardState.count({ where: { userId, state: { in: [1, 3] }, due: { lt: endOfDay }, card: { retired: false } } }),
    prisma.cardState.count({ where: { userId, state: 2, due: { lte: now }, card: { retired: false } } }),
    prisma.card.count({ where: { retired: false, states: { none: { userId } } } }),
    newCardsIntroducedToday(userId, today),
    prisma.cardState.findFirst({ where: { userId, card: { retired: false } }, orderBy: { due: 'asc' }, select: { due: true } }),
  ])
  return {
    new: Math.max(0, Math.min(unseen, settings.newPerDay - introduced)),
    learning,
    review,
    nextDueAt: next ? next.due.toISOString() : null,
  }
}

/** The next `limit` cards due for the user, in order, with everything the review screen shows. */
export async function studyQueue(userId: string, settings: StudySettings, now: Date, limit: number): Promise<StudyCard[]> {
  const today = studyDay(now, settings.timeZone, settings.rolloverHour)
  const [dueRows, introduced, parameters] = await Promise.all([
    prisma.cardState.findMany({
      where: { userId, due: { lte: new Date(now.getTime() + LEARN_AHEAD_MS) }, card: { retired: false } },
      orderBy: { due: 'asc' },
      take: limit + 200,
      select: { cardId: true, due: true, state: true, card: { select: { claimId: true } } },
    }),
    newCardsIntroducedToday(userId, today),
    parametersOf(userId),
  ])
  const newAllowed = Math.max(0, settings.newPerDay - introduced)
  const fresh =
    newAllowed === 0
      ? []
      : await prisma.card.findMany({
          where: { retired: false, states: { none: { userId } } },
          orderBy: { position: 'asc' },
          take: Math.min(newAllowed, limit) * 4,
          select: { id: true, claimId: true, position: true },
        })
  const order = buildQueue({
    now,
    due: dueRows.map((r) => ({ cardId: r.cardId, claimId: r.card.claimId, due: r.due, state: r.state })),
    fresh: fresh.map((c) => ({ cardId: c.id, claimId: c.claimId, position: c.position })),
    newAllowed,
    limit,
  })
  return presentCards(userId, order, settings, contextFor(settings, now, parameters))
}

async function presentCards(userId: string, cardIds: string[], settings: StudySettings, ctx: StudyContext): Promise<StudyCard[]> {
  if (cardIds.length === 0) return []
  const [cards, states] = await Promise.all([
    prisma.card.findMany({
      where: { id: { in: cardIds } },
      include: { claim: { include: { section: true } } },
    }),
    prisma.cardState.findMany({ where: { userId, cardId: { in: cardIds } } }),
  ])
  const cardById = new Map(cards.map((c) => [c.id, c]))
  const stateById = new Map(states.map((s) => [s.cardId, s]))
  const lang = settings.displayLanguage
  return cardIds.flatMap((id) => {
    const card = cardById.get(id)
    if (!card) return []
    const state = stateById.get(id) ?? null
    const version = state?.version ?? 0
    const outcomes = answerOutcomes(toSchedulingState(state), ctx, fuzzSeed(userId, id, version))
    const section = card.claim.section
    return [
      {
        cardId: id,
        version,
        kind: card.kind as 'basic' | 'cloze',
        state: STATE_NAMES[state?.state ?? 0] ?? 'new',
        ...presentCard(card, lang),
        claim: { id: card.claimId, html: presentText(card.claim.textEn, card.claim.textZh, lang), whyHtml: presentText(card.claim.whyEn, card.claim.whyZh, lang) },
        section: { id: section.id, deckId: section.deckId, title: lang === 'zh' ? section.titleZh : section.titleEn },
        intervals: Object.fromEntries(GRADES.map((g) => [g, outcomes[g].label])) as Record<Grade, string>,
      },
    ]
  })
}

export type GradeInput = { reviewId: string; cardId: string; rating: Grade; version: number; durationMs: number }

export type CardStateView = {
  cardId: string
  version: number
  state: (typeof STATE_NAMES)[number]
  due: string
  intervalLabel: string | null
  reps: number
  lapses: number
  stability: number
  difficulty: number
  lastReview: string | null
}

export type GradeResult =
  | { kind: 'graded'; replayed: boolean; state: CardStateView }
  | { kind: 'not-found' }
  | { kind: 'stale'; current: CardStateView | null }
  | { kind: 'conflict'; message: string }

function view(cardId: string, row: StateRow | null, intervalLabel: string | null = null): CardStateView | null {
  if (!row) return null
  return {
    cardId,
    version: row.version,
    state: STATE_NAMES[row.state] ?? 'new',
    due: row.due.toISOString(),
    intervalLabel,
    reps: row.reps,
    lapses: row.lapses,
    stability: row.stability,
    difficulty: row.difficulty,
    lastReview: row.lastReview ? row.lastReview.toISOString() : null,
  }
}

class StaleVersion extends Error {}

/**
 * Grades one card once. In order: a known reviewId answers its stored result (a retry is idempotent); the card
 * must exist and be live; the version the person was shown must be the current one; then the new state (version
 * + 1) and the log (with the state before and the study day) are written in one transaction.
 */
export async function gradeCard(userId: string, input: GradeInput, settings: StudySettings, now: Date): Promise<GradeResult> {
  const replay = await replayOf(userId, input)
  if (replay) return replay
  const card = await prisma.card.findUnique({ where: { id: input.cardId }, select: { retired: true } })
  if (!card || card.retired) return { kind: 'not-found' }
  const ctx = contextFor(settings, now, await parametersOf(userId))
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.cardState.findUnique({ where: { userId_cardId: { userId, cardId: input.cardId } } })
      const currentVersion = before?.version ?? 0
      if (currentVersion !== input.version) throw new StaleVersion()
      const outcome = answerCard(toSchedulingState(before), input.rating, ctx, fuzzSeed(userId, input.cardId, currentVersion))
      const version = currentVersion + 1
      const data = { ...outcome.next, version }
      if (before) {
        // The version in the WHERE makes a concurrent writer (PostgreSQL) lose cleanly instead of overwriting.
        const updated = await tx.cardState.updateMany({ where: { userId, cardId: input.cardId, version: currentVersion }, data })
        if (updated.count !== 1) throw new StaleVersion()
      } else {
        await tx.cardState.create({ data: { userId, cardId: input.cardId, ...data } })
      }
      await tx.reviewLog.create({
        data: {
          id: input.reviewId,
          userId,
          cardId: input.cardId,
          kind: 'review',
          rating: input.rating,
          ...outcome.log,
          review: now,
          studyDay: studyDay(now, settings.timeZone, settings.rolloverHour),
          durationMs: Math.min(Math.max(0, Math.round(input.durationMs)), MAX_DURATION_MS),
          stateBefore: JSON.stringify(before ? { ...before, userId: undefined } : null),
          versionAfter: version,
        },
      })
      return { kind: 'graded', replayed: false, state: view(input.cardId, { ...data }, outcome.label)! } as const
    })
  } catch (err) {
    if (err instanceof StaleVersion) return { kind: 'stale', current: await currentView(userId, input.cardId) }
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      // A concurrent request with the same reviewId (or the same first answer) won: answer as a retry would.
      return (await replayOf(userId, input)) ?? { kind: 'stale', current: await currentView(userId, input.cardId) }
    }
    throw err
  }
}

async function currentView(userId: string, cardId: string): Promise<CardStateView | null> {
  const row = await prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId } } })
  return view(cardId, row)
}

async function replayOf(userId: string, input: GradeInput): Promise<GradeResult | null> {
  const log = await prisma.reviewLog.findUnique({ where: { id: input.reviewId }, select: { userId: true, cardId: true, rating: true } })
  if (!log) return null
  if (log.userId !== userId || log.cardId !== input.cardId || log.rating !== input.rating) {
    return { kind: 'conflict', message: 'This reviewId was already used for a different answer.' }
  }
  const current = await currentView(userId, input.cardId)
  return { kind: 'graded', replayed: true, state: current! }
}
