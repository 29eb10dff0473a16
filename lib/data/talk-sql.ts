/**
 * The talks' statements (issue #19), in the SQL both engines share (lib/db/sql.ts). Every statement on a talk is
 * filtered by its user.
 */
import { sql } from '../db/sql'

export type TalkRow = {
  id: string
  title: string
  date: string
  sections: string
  tags: string
  minutesPerDay: number | null
  createdAt: unknown
}

const TALK_COLUMNS = `"id", "title", "date", "sections", "tags", "minutesPerDay", "createdAt"`

/** The user's talks by date, then as created; through Talk(userId, date). Parameters: user. */
export const TALKS = sql<TalkRow>(`SELECT ${TALK_COLUMNS} FROM "Talk" WHERE "userId" = ? ORDER BY "date", "createdAt", "id"`)

/** The user's talks on or after a date, soonest first (a few at most). Parameters: user, date. */
export const UPCOMING_TALKS = sql<TalkRow>(
  `SELECT ${TALK_COLUMNS} FROM "Talk" WHERE "userId" = ? AND "date" >= ? ORDER BY "date", "createdAt", "id" LIMIT 20`,
)

/** One talk of this user. Parameters: talk, user. */
export const TALK = sql<TalkRow>(`SELECT ${TALK_COLUMNS} FROM "Talk" WHERE "id" = ? AND "userId" = ?`)

export const INSERT_TALK = sql(
  `INSERT INTO "Talk" ("id", "userId", "title", "date", "sections", "tags", "minutesPerDay", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
)

/** Parameters: title, date, sections, tags, minutes, talk, user. */
export const UPDATE_TALK = sql(
  `UPDATE "Talk" SET "title" = ?, "date" = ?, "sections" = ?, "tags" = ?, "minutesPerDay" = ? WHERE "id" = ? AND "userId" = ?`,
)

/** Parameters: talk, user. */
export const DELETE_TALK = sql(`DELETE FROM "Talk" WHERE "id" = ? AND "userId" = ?`)

/** Every live claim's texts, section and tags, in interview order (deck data, the same for everyone). */
export const CLAIM_TEXTS = sql<{
  id: string
  deckId: string
  sectionId: string
  tags: string
  textEn: string
  textZh: string
  sectionTitleEn: string
  sectionTitleZh: string
}>(
  `SELECT cl."id", cl."deckId", cl."sectionId", cl."tags", cl."textEn", cl."textZh", s."titleEn" AS "sectionTitleEn", s."titleZh" AS "sectionTitleZh"
   FROM "Claim" cl JOIN "Section" s ON s."deckId" = cl."deckId" AND s."id" = cl."sectionId"
   WHERE cl."retired" = FALSE AND s."retired" = FALSE
   ORDER BY cl."deckId", s."position", cl."position"`,
)

/**
 * The user's answer times of recent study days (reviews, not undone): their median is the seconds a card takes.
 * Through ReviewLog(userId, studyDay, …). Parameters: user, first study day.
 */
export const RECENT_DURATIONS = sql<{ durationMs: number }>(
  `SELECT "durationMs" FROM "ReviewLog" WHERE "userId" = ? AND "studyDay" >= ? AND "kind" = 'review' AND "undone" = FALSE LIMIT 5000`,
)
