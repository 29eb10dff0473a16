/**
 * The account file: everything a person made, as GET /api/export writes it and POST /api/account/restore reads it.
 * This schema is the format's one definition: the export's type is its output, and the restore accepts nothing it
 * refuses. Format version 2 (issue #36) adds talks, the scheduler's parameters and "study more today"; version 1
 * files (the export before it) are read as version 2 files without those.
 *
 * Adding to the format: a new top-level section (a reading position, say) goes into `sections` below as
 * `.optional()` — files written before it lack it — and gets a line in the export (lib/data/export.ts) and in the
 * restore (lib/data/account-restore.ts). A new setting added to ./settings.ts is taken up by `settingsSection` by
 * itself, optional, its default where a file lacks it. A field or section this server does not know is dropped.
 */
import { z } from './zod'
import { MANUAL_KINDS } from './log-kinds'
import { CardStateKind } from './card-state'
import { stateSnapshotSchema } from './state-snapshot'
import { userSettingsSchema } from './settings'

export const ACCOUNT_FILE_FORMAT = 'keyclaims-export'
/** The version this server writes. */
export const ACCOUNT_FILE_VERSION = 2
/** The versions this server reads. */
export const READABLE_VERSIONS = [1, 2] as const

export const LOG_KINDS = ['review', 'quiz', ...MANUAL_KINDS] as const

const id = z.string().min(1).max(200)
const date = z.iso.datetime().transform((text) => new Date(text))
/** A 32-bit integer (what an Int column holds on PostgreSQL). */
const int = z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1)
const count = int.min(0)
const finite = z.number().finite()
const stateNumber = z.number().int().min(CardStateKind.New).max(CardStateKind.Relearning)
const rating = z.number().int().min(0, 'a rating is 0 (a manual change) or 1 Again … 4 Easy').max(4, 'a rating is 0 (a manual change) or 1 Again … 4 Easy')
const json = z.json()

/**
 * A value checked against `schema` but kept as the file has it (a JSON column is stored as the file's value
 * stringified again, so its keys stay in their order and the export after a restore is the export before it).
 */
function kept<T extends z.ZodType>(schema: T, value: z.ZodType<z.core.util.JSONType> = json) {
  return value.superRefine((value, ctx) => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  })
}

const cardState = z.object({
  cardId: id,
  due: date,
  stability: finite,
  difficulty: finite,
  elapsedDays: int,
  scheduledDays: int,
  learningSteps: int,
  reps: count,
  lapses: count,
  state: stateNumber,
  lastReview: date.nullable(),
  version: count,
  updatedAt: date,
  suspended: z.boolean().default(false),
  leech: z.boolean().default(false),
})

const reviewLog = z
  .object({
    id,
    cardId: id,
    kind: z.enum(LOG_KINDS),
    rating,
    state: stateNumber,
    due: date,
    stability: finite,
    difficulty: finite,
    elapsedDays: int,
    lastElapsedDays: int,
    scheduledDays: int,
    learningSteps: int,
    review: date,
    studyDay: int,
    durationMs: count,
    undone: z.boolean(),
    // The snapshot's own schema says all of its shape (z.json() would walk it a second time: a third of a 100,000-answer read).
    stateBefore: kept(stateSnapshotSchema, z.custom<z.core.util.JSONType>(() => true)),
    versionAfter: count,
    createdAt: date,
    // Required from version 2; a version 1 file written before it existed lacks it (see accountFileSchema).
    sequence: int.min(1).optional(),
  })
  .superRefine((log, ctx) => {
    const manual = (MANUAL_KINDS as readonly string[]).includes(log.kind)
    if (manual !== (log.rating === 0))
      ctx.addIssue({ code: 'custom', path: ['rating'], message: manual ? `a manual change (${log.kind}) has rating 0` : `an answer has a rating of 1 to 4` })
  })

const claimLearned = z.object({ claimId: id, learnedAt: date, learnedByReviewId: id })

const talk = z.object({
  id,
  title: z.string().max(500),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  sections: z.array(z.string().max(200)).max(500),
  tags: z.array(z.string().max(200)).max(500),
  minutesPerDay: count.nullable(),
  createdAt: date,
})

const quizAnswer = z.object({ position: count, cardId: id, reviewId: id, rating: rating.min(1), answeredAt: date })

const quiz = z.object({
  id,
  options: kept(z.record(z.string(), json)),
  cardIds: z.array(id),
  cardCount: count,
  position: count,
  countAsReviews: z.boolean(),
  startedAt: date,
  finishedAt: date.nullable(),
  // Version 1 files made before talks had quizzes have no link.
  talkId: id.nullable().default(null),
  answers: z.array(quizAnswer),
})

/**
 * The settings as the file has them: each setting of ./settings.ts (optional: a file written before a setting existed
 * lacks it), the optimised scheduler weights (null: the defaults) and the day's "study more" grant.
 */
const settingsSection = userSettingsSchema.partial().extend({
  fsrsParameters: kept(z.object({ w: z.array(finite).max(100).optional() }).loose()).nullable().optional(),
  studyMoreDay: int.optional(),
  studyMoreNew: count.optional(),
  studyMoreAhead: count.optional(),
})

/** Each section of the file. A section added later is `.optional()` (see the top of this file). */
const sections = {
  exportedAt: date.optional(),
  /** The account the file came from: shown in the preview, never restored (the restore fills the signed-in one). */
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  settings: settingsSection,
  cardStates: z.array(cardState),
  /** Every log entry, with its kind and undone mark, in the order it was written. */
  reviewLogs: z.array(reviewLog),
  /** When each claim was first learned. */
  claimsLearned: z.array(claimLearned),
  /** Talks (version 2; none in a version 1 file). */
  talks: z.array(talk).default([]),
  /** Each quiz with its cards in order and its answers (whose logs are in reviewLogs). */
  quizzes: z.array(quiz),
  /** Where the person was in the reading (issue #38): the passage last reached, or null; files before it lack it. */
  reading: z.object({ deckId: id, sectionId: z.string().regex(/^[0-9]{2}$/), passage: count, updatedAt: date }).nullable().optional(),
}

/**
 * A log entry's sequence number: its own, or — a version 1 file written before `sequence` existed — its place in the
 * file from 1 (that export wrote the log in the order it was answered).
 */
const sequenceOf = (log: { sequence?: number }, index: number) => log.sequence ?? index + 1

export const accountFileSchema = z
  .object({ format: z.literal(ACCOUNT_FILE_FORMAT), version: z.union(READABLE_VERSIONS.map((v) => z.literal(v))), ...sections })
  .superRefine((file, ctx) => {
    const unique = <T>(list: readonly T[], key: (item: T, i: number) => string, path: (i: number) => (string | number)[], what: string) => {
      const seen = new Set<string>()
      list.forEach((item, i) => {
        const k = key(item, i)
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what} "${k}" appears twice` })
        seen.add(k)
      })
    }
    unique(file.cardStates, (s) => s.cardId, (i) => ['cardStates', i, 'cardId'], 'the card')
    unique(file.reviewLogs, (l) => l.id, (i) => ['reviewLogs', i, 'id'], 'the log entry')
    file.reviewLogs.forEach((l, i) => {
      if (l.sequence === undefined && file.version !== 1) ctx.addIssue({ code: 'custom', path: ['reviewLogs', i, 'sequence'], message: 'a log entry has its sequence number' })
    })
    unique(file.reviewLogs, (l, i) => String(sequenceOf(l, i)), (i) => ['reviewLogs', i, 'sequence'], 'the sequence number')
    unique(file.claimsLearned, (c) => c.claimId, (i) => ['claimsLearned', i, 'claimId'], 'the claim')
    unique(file.talks, (t) => t.id, (i) => ['talks', i, 'id'], 'the talk')
    unique(file.quizzes, (q) => q.id, (i) => ['quizzes', i, 'id'], 'the quiz')
    file.quizzes.forEach((q, i) => unique(q.answers, (a) => String(a.position), (j) => ['quizzes', i, 'answers', j, 'position'], 'the answer position'))
  })
  .transform((file) => {
    // A quiz keeps its talk only when the file has the talk (a version 1 file has none): the link is a foreign key.
    const talkIds = new Set(file.talks.map((t) => t.id))
    return {
      ...file,
      reviewLogs: file.reviewLogs.map((l, i) => ({ ...l, sequence: sequenceOf(l, i) })),
      quizzes: file.quizzes.map((q) => ({ ...q, talkId: q.talkId !== null && talkIds.has(q.talkId) ? q.talkId : null })),
    }
  })

/** A file as read: version 1 or 2, talks always there. */
export type AccountFile = z.output<typeof accountFileSchema>
/** What the export writes (before JSON turns its dates into ISO strings). */
export type AccountFileOut = Omit<AccountFile, 'version'> & { version: typeof ACCOUNT_FILE_VERSION }

/** Why a file cannot be read, and where in it: a JSON path such as `reviewLogs[3].rating` (empty for the whole file). */
export type FileProblem = { code: 'not-json' | 'truncated' | 'not-export' | 'unknown-version' | 'invalid'; where: string; message: string }

/** `['reviewLogs', 3, 'rating']` → `reviewLogs[3].rating`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('')
}

/** At most this many problems are named: a file wrong everywhere would otherwise answer with a file of its own. */
const PROBLEMS_NAMED = 5

/**
 * A file's text read as an account file, or what is wrong with it: not JSON, cut short, not an export, a version this
 * server does not read, or the first few fields that are wrong, each with where it is.
 * @example readAccountFile('{"format":"keyclaims-export","version":9}') // { problems: [{ code: 'unknown-version', … }] }
 */
export function readAccountFile(text: string): { file: AccountFile } | { problems: FileProblem[] } {
  // A byte-order mark (an editor's "UTF-8 with BOM" save) is not JSON, but says nothing about the file: dropped.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    // V8 says "Unexpected end of JSON input", or names the position where it stopped: at the very end, the text
    // was cut short ("Expected ',' or '}' after property value in JSON at position N", N its length).
    const position = /at position (\d+)/.exec(message)
    const cut = /end of JSON input/i.test(message) || (position !== null && Number(position[1]) >= text.trimEnd().length)
    return {
      problems: [
        cut
          ? { code: 'truncated', where: '', message: `The file ends early (after ${text.length} characters): it was cut short.` }
          : { code: 'not-json', where: '', message: `The file is not JSON: ${message}.` },
      ],
    }
  }
  const header = z.object({ format: z.string(), version: z.unknown() }).safeParse(value)
  if (!header.success || header.data.format !== ACCOUNT_FILE_FORMAT)
    return { problems: [{ code: 'not-export', where: 'format', message: `The file is not a Keyclaims export (its "format" is not "${ACCOUNT_FILE_FORMAT}").` }] }
  if (!(READABLE_VERSIONS as readonly unknown[]).includes(header.data.version))
    return {
      problems: [{
        code: 'unknown-version',
        where: 'version',
        message: `The file's format version ${JSON.stringify(header.data.version) ?? 'is missing'}: this server reads versions ${READABLE_VERSIONS.join(' and ')}.`,
      }],
    }
  const parsed = accountFileSchema.safeParse(value)
  if (parsed.success) return { file: parsed.data }
  return {
    problems: parsed.error.issues.slice(0, PROBLEMS_NAMED).map((issue) => ({ code: 'invalid' as const, where: jsonPath(issue.path), message: issue.message })),
  }
}

/** What the preview shows of a file before it is restored. */
export type AccountFileSummary = {
  version: number
  exportedAt: string | null
  name: string
  cardStates: number
  logEntries: number
  /** Log entries that are answers (reviews and quiz answers), undone ones included. */
  answers: number
  talks: number
  quizzes: number
  /** How many settings the file holds (0: the defaults are restored). */
  settings: number
  /** Whether the file holds a place in the reading (restored over the account's own). */
  reading: boolean
}

export function summarize(file: AccountFile): AccountFileSummary {
  return {
    version: file.version,
    exportedAt: file.exportedAt?.toISOString() ?? null,
    name: file.user.name,
    cardStates: file.cardStates.length,
    logEntries: file.reviewLogs.length,
    answers: file.reviewLogs.filter((l) => l.rating > 0).length,
    talks: file.talks.length,
    quizzes: file.quizzes.length,
    settings: Object.values(file.settings).filter((v) => v !== undefined).length,
    reading: Boolean(file.reading),
  }
}

/** Whether the file holds any progress (a state, a log entry, a talk or a quiz): what a restore may not mix. */
export const hasProgress = (file: AccountFile) => file.cardStates.length + file.reviewLogs.length + file.talks.length + file.quizzes.length > 0
