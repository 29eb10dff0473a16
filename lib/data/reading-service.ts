/**
 * The reader's use cases (issue #38): the reading's sections, each passage's review area for one person, and where
 * that person was. Generators of the statements in ./reading-sql.ts (decision 0007), on either engine; the rules are
 * the pure core's (lib/core/reading.ts). An area's answers go through the one grading path (POST /api/reviews), so
 * nothing here writes a grade.
 */
import { all, asBool, asDate, get, run, type Executor, type Work } from '../db/sql'
import { allowance } from '../core/queue'
import { startOfStudyDay } from '../core/study-day'
import { areaPlans, continueFrom, passageClaims, placeAfterReaching, type AreaPlan, type BegunCard, type ReadingCard, type ReadingOutline, type ReadingPlace } from '../core/reading'
import type { Passage } from '../core/reading-text'
import { readConfig, readDayFacts, todayOf, type StudyCard } from './study-context'
import * as Q from './reading-sql'

export type ReadingSection = { deckId: string; sectionId: string; titleEn: string; titleZh: string; passages: Passage[] }
export type SectionReading = ReadingSection & { claims: { id: string; textEn: string; textZh: string }[] }

/** One passage's review area as the page shows it: each claim's card offered or begun cards, and the cards forgotten above. */
export type AreaView = {
  passage: number
  claims: { claimId: string; offer: StudyCard | null; begun: BegunCard[] }[]
  retries: StudyCard[]
  retryAt: string | null
}
/** A section's areas for one person now, with how many new cards today's limit still allows. */
export type SectionAreas = { areas: AreaView[]; newLeft: number; newPerDay: number }

const sectionOf = (row: Q.ReadingSectionRow): ReadingSection => ({
  deckId: row.deckId,
  sectionId: row.id,
  titleEn: row.titleEn,
  titleZh: row.titleZh,
  passages: JSON.parse(row.reading) as Passage[],
})

function* sectionsWork(): Work<ReadingSection[]> {
  return (yield* all(Q.READING_SECTIONS, [])).map(sectionOf)
}

const outlineOf = (sections: ReadingSection[]): ReadingOutline => sections.map((s) => ({ deckId: s.deckId, sectionId: s.sectionId, passages: s.passages.length }))

function* placeWork(userId: string): Work<ReadingPlace | null> {
  const row = yield* get(Q.PLACE, [userId])
  return row ? { deckId: row.deckId, sectionId: row.sectionId, passage: Number(row.passage) } : null
}

/** Every area of a section for this person now (the plans; the cards are presented by the caller). */
function* plansWork(userId: string, section: ReadingSection, now: Date): Work<{ plans: AreaPlan[]; newLeft: number; newPerDay: number }> {
  const config = yield* readConfig(userId)
  const day = todayOf(config, now)
  const { timeZone, rolloverHour } = config.settings
  const left = allowance(config.settings, config.studyMore, day, yield* readDayFacts(userId, day, startOfStudyDay(day + 1, timeZone, rolloverHour)))
  const lastRating = new Map<string, number>()
  for (const a of yield* all(Q.SECTION_ANSWERS_OF_DAY, [userId, day, section.deckId, section.sectionId])) lastRating.set(a.cardId, Number(a.rating))
  const cards: ReadingCard[] = (yield* all(Q.SECTION_CARDS, [userId, section.deckId, section.sectionId])).map((r) => ({
    cardId: r.cardId,
    claimId: r.claimId,
    state: r.state === null ? null : { kind: Number(r.state), due: asDate(r.due), suspended: asBool(r.suspended) },
    lastRatingToday: lastRating.get(r.cardId) ?? null,
  }))
  return { plans: areaPlans(passageClaims(section.passages), cards, now), newLeft: left.newAllowed, newPerDay: config.settings.newPerDay }
}

/** How the areas' cards are shown: as the review screen shows them (the study use cases' presentCards). */
export type CardPresenter = { presentCards(userId: string, cardIds: string[], now: Date): Promise<StudyCard[]> }

export function createReading(exec: Executor, study: CardPresenter) {
  /** The section with a reading, by deck (or the first deck that has it) and id; null if none. */
  const findSection = (sectionId: string, deckId?: string) =>
    exec.read(function* () {
      const section = (yield* sectionsWork()).find((s) => s.sectionId === sectionId && (deckId === undefined || s.deckId === deckId))
      if (!section) return null
      const claims = yield* all(Q.SECTION_CLAIMS, [section.deckId, section.sectionId])
      return { ...section, claims } satisfies SectionReading
    })

  return {
    /** Every section that has a reading, in order. */
    sections: (): Promise<ReadingSection[]> => exec.read(sectionsWork),

    section: findSection,

    /** The section's review areas for this person now; null when there is no such section. */
    async areas(userId: string, sectionId: string, now: Date, deckId?: string): Promise<SectionAreas | null> {
      const section = await findSection(sectionId, deckId)
      if (!section) return null
      const { plans, newLeft, newPerDay } = await exec.read(() => plansWork(userId, section, now))
      const ids = [...new Set(plans.flatMap((p) => [...p.claims.flatMap((c) => (c.offer ? [c.offer] : [])), ...p.retries]))]
      const shown = new Map((await study.presentCards(userId, ids, now)).map((c) => [c.cardId, c]))
      const areas = plans.map((p) => ({
        passage: p.passage,
        claims: p.claims.map((c) => ({ claimId: c.claimId, offer: c.offer ? (shown.get(c.offer) ?? null) : null, begun: c.begun })),
        retries: p.retries.flatMap((id) => shown.get(id) ?? []),
        retryAt: p.retryAt,
      }))
      return { areas, newLeft, newPerDay }
    },

    /** The passage this person last reached, or null. */
    place: (userId: string): Promise<ReadingPlace | null> => exec.read(() => placeWork(userId)),

    /**
     * Where reading goes on for this person: `started` once they reached a passage; `next`, the passage after it (the
     * reading's first before they started), null at the end of the reading.
     */
    continueAt: (userId: string): Promise<{ started: boolean; next: ReadingPlace | null }> =>
      exec.read(function* () {
        const place = yield* placeWork(userId)
        return { started: place !== null, next: continueFrom(place, outlineOf(yield* sectionsWork())) }
      }),

    /**
     * This person reached the end of a passage: kept as their place unless it reads back up the section kept
     * (lib/core/reading.ts). 'not-found' for a passage the reading does not have.
     */
    reach: (userId: string, reached: ReadingPlace, now: Date): Promise<'kept' | 'unchanged' | 'not-found'> =>
      exec.write(function* () {
        const section = (yield* sectionsWork()).find((s) => s.deckId === reached.deckId && s.sectionId === reached.sectionId)
        if (!section || reached.passage >= section.passages.length) return 'not-found' as const
        const place = placeAfterReaching(yield* placeWork(userId), reached)
        if (!place) return 'unchanged' as const
        yield* run(Q.KEEP_PLACE, [userId, place.deckId, place.sectionId, place.passage, now])
        return 'kept' as const
      }),
  }
}

export type Reading = ReturnType<typeof createReading>
