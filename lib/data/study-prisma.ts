/** The study store on Prisma's model API: portable (PostgreSQL); on SQLite the tests run it too. */
import { Prisma, type PrismaClient } from '../generated/prisma/client'
import {
  REUSED_REVIEW_ID,
  configFromRow,
  cappedDurationMs,
  snapshot,
  stateView,
  type GradeResult,
  type StateRow,
  type StudyStore,
  type UserStudyConfig,
} from './study-store'

const stateSelect = {
  cardId: true,
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
  version: true,
} as const

class Stale extends Error {}

export function prismaStudyStore(prisma: PrismaClient): StudyStore {
  async function config(userId: string): Promise<UserStudyConfig> {
    return configFromRow(await prisma.userSettings.findUnique({ where: { userId } }))
  }

  const introducedOn = (userId: string, today: number) =>
    prisma.reviewLog.count({ where: { userId, studyDay: today, state: 0, kind: 'review', undone: false } })

  async function replayOf(userId: string, input: { reviewId: string; cardId: string; rating: number }): Promise<GradeResult | null> {
    const log = await prisma.reviewLog.findUnique({ where: { id: input.reviewId }, select: { userId: true, cardId: true, rating: true } })
    if (!log) return null
    if (log.userId !== userId || log.cardId !== input.cardId || log.rating !== input.rating) return { kind: 'conflict', message: REUSED_REVIEW_ID }
    const row = await prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId: input.cardId } }, select: stateSelect })
    return { kind: 'graded', replayed: true, state: stateView(row)! }
  }

  return {
    config,

    async queueCandidates(userId, { now, dueUntil, take, today, newTake }) {
      const select = { cardId: true, due: true, state: true, version: true, card: { select: { claimId: true } } } as const
      const [learning, reviews] = await Promise.all([
        prisma.cardState.findMany({
          where: { userId, state: { in: [1, 3] }, due: { lte: dueUntil }, card: { retired: false } },
          orderBy: { due: 'asc' },
          take,
          select,
        }),
        prisma.cardState.findMany({ where: { userId, state: 2, due: { lte: now }, card: { retired: false } }, orderBy: { due: 'asc' }, take, select }),
      ])
      const due = [...learning, ...reviews].map(({ card, ...state }) => ({ ...state, claimId: card.claimId }))
      const freshTake = newTake(due)
      if (freshTake <= 0) return { due, fresh: [], introduced: 0 }
      const [fresh, introduced] = await Promise.all([
        prisma.card.findMany({
          where: { retired: false, states: { none: { userId } } },
          orderBy: { position: 'asc' },
          take: freshTake,
          select: { id: true, claimId: true, position: true },
        }),
        introducedOn(userId, today),
      ])
      return { due, fresh: fresh.map((c) => ({ cardId: c.id, claimId: c.claimId, position: c.position })), introduced }
    },

    async counts(userId, { now, endOfDay, today }) {
      const [learning, review, unseen, introduced, next] = await Promise.all([
        prisma.cardState.count({ where: { userId, state: { in: [1, 3] }, due: { lt: endOfDay }, card: { retired: false } } }),
        prisma.cardState.count({ where: { userId, state: 2, due: { lte: now }, card: { retired: false } } }),
        prisma.card.count({ where: { retired: false, states: { none: { userId } } } }),
        introducedOn(userId, today),
        prisma.cardState.findFirst({ where: { userId, card: { retired: false } }, orderBy: { due: 'asc' }, select: { due: true } }),
      ])
      return { learning, review, unseen, introduced, nextDue: next?.due ?? null }
    },

    cardStates: (userId, cardIds) => prisma.cardState.findMany({ where: { userId, cardId: { in: cardIds } }, select: stateSelect }),

    async displayCards(cardIds) {
      const cards = await prisma.card.findMany({ where: { id: { in: cardIds } }, include: { claim: { include: { section: true } } } })
      return cards.map((c) => ({
        id: c.id,
        kind: c.kind,
        ordinal: c.ordinal,
        frontEn: c.frontEn,
        frontZh: c.frontZh,
        backEn: c.backEn,
        backZh: c.backZh,
        claimId: c.claimId,
        claimTextEn: c.claim.textEn,
        claimTextZh: c.claim.textZh,
        whyEn: c.claim.whyEn,
        whyZh: c.claim.whyZh,
        sectionId: c.claim.section.id,
        deckId: c.claim.section.deckId,
        sectionTitleEn: c.claim.section.titleEn,
        sectionTitleZh: c.claim.section.titleZh,
      }))
    },

    async grade(userId, input, now, decide) {
      const replay = await replayOf(userId, input)
      if (replay) return replay
      const card = await prisma.card.findUnique({ where: { id: input.cardId }, select: { retired: true } })
      if (!card || card.retired) return { kind: 'not-found' }
      const cfg = await config(userId)
      try {
        return await prisma.$transaction(async (tx) => {
          const before = await tx.cardState.findUnique({ where: { userId_cardId: { userId, cardId: input.cardId } }, select: stateSelect })
          const currentVersion = before?.version ?? 0
          if (currentVersion !== input.version) throw new Stale()
          const { outcome, studyDay } = decide(before, cfg)
          const version = currentVersion + 1
          const data = { ...outcome.next, version }
          if (before) {
            // The version in the WHERE makes a concurrent writer (PostgreSQL) lose cleanly instead of overwriting.
            const updated = await tx.cardState.updateMany({ where: { userId, cardId: input.cardId, version: currentVersion }, data })
            if (updated.count !== 1) throw new Stale()
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
              studyDay,
              durationMs: cappedDurationMs(input.durationMs),
              stateBefore: snapshot(before),
              versionAfter: version,
            },
          })
          return { kind: 'graded', replayed: false, state: stateView({ cardId: input.cardId, ...data }, outcome.label)! } as const
        })
      } catch (err) {
        const current = async () =>
          stateView(await prisma.cardState.findUnique({ where: { userId_cardId: { userId, cardId: input.cardId } }, select: stateSelect }))
        // Lost a race: to the same answer sent twice (a replay), or to another answer (stale).
        const lostRace = err instanceof Stale || (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        if (lostRace) return (await replayOf(userId, input)) ?? { kind: 'stale', current: await current() }
        throw err
      }
    },
  }
}
