/**
 * The PostgreSQL rows of `npm run bench`: the same synthetic data as the SQLite rows (a copy of the file bench/synth.ts
 * built, taken before the SQLite rows graded in it, copied here into a migrated PostgreSQL database with the decks
 * loaded), then the app's grade + next 3 cards (createStudy over the PostgreSQL executor) against a raw `pg` baseline
 * doing the same reads and writes on one client. Embedded PostgreSQL (lib/db/embedded-pg.ts) on loopback; its data
 * is thrown away afterwards. Every statement is a round trip to another process here, so the number of statements
 * per grade is counted on both sides and printed.
 */
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { fsrs, generatorParameters, type Card as FsrsCard, type Grade as FsrsGrade } from 'ts-fsrs'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { createDb } from '../lib/db/prisma'
import { loadDecks } from '../lib/deck/load'
import { createStudy } from '../lib/data/study-service'
import * as Q from '../lib/data/study-sql'
import * as TalkQ from '../lib/data/talk-sql'
import { studyDayDate } from '../lib/core/study-day'
import { LEARN_AHEAD_MS } from '../lib/core/queue'
import type { EmbeddedPg } from '../lib/db/embedded-pg'
import { cardPicker, type Synth } from './synth'
import { nowUs, stats, time, timeAtOnce, type Stats } from './timing'

/** PostgreSQL's type of each column kind, for `unnest($n::type[])`. */
const ARRAY_TYPE: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  'double precision': 'float8',
  boolean: 'boolean',
  'timestamp without time zone': 'timestamp(3)',
}
const COPIED_TABLES = ['user', 'UserSettings', 'CardState', 'ReviewLog']
const ROWS_PER_INSERT = 20_000

/**
 * Copies the synthetic users, settings, states and logs from a SQLite file into PostgreSQL: one INSERT … SELECT
 * FROM unnest(arrays) per 20,000 rows (one parameter per column, so no limit on rows per statement). SQLite holds
 * timestamps as epoch ms and booleans as 0/1; PostgreSQL's columns are timestamp(3) without zone holding UTC (an ISO
 * string's trailing Z is ignored on input) and boolean.
 */
export async function copyRows(sqliteFile: string, client: pg.Client): Promise<void> {
  const sqlite = new Database(sqliteFile, { readonly: true })
  try {
    for (const table of COPIED_TABLES) {
      const sqliteColumns = new Set(sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[])
      const { rows } = await client.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
        [table],
      )
      const columns = rows.filter((c) => sqliteColumns.has(c.column_name))
      const convert = columns.map(({ data_type: type }) => {
        if (!(type in ARRAY_TYPE)) throw new Error(`${table}: no copy rule for a ${type} column`)
        if (type === 'timestamp without time zone') return (v: unknown) => (v === null ? null : new Date(v as number).toISOString())
        if (type === 'boolean') return (v: unknown) => (v === null ? null : v === 1)
        return (v: unknown) => v
      })
      const names = columns.map((c) => `"${c.column_name}"`).join(', ')
      const insert = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${ARRAY_TYPE[c.data_type]}[]`).join(', ')})`
      let batch: unknown[][] = columns.map(() => [])
      const flush = async () => {
        if (batch[0]!.length > 0) await client.query(insert, batch)
        batch = columns.map(() => [])
      }
      for (const values of sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
        values.forEach((v, i) => batch[i]!.push(convert[i]!(v)))
        if (batch[0]!.length >= ROWS_PER_INSERT) await flush()
      }
      await flush()
    }
  } finally {
    sqlite.close()
  }
  await client.query('ANALYZE')
}

/** `timestamp` (oid 1114) read as UTC, as the app's pool reads it (lib/db/prisma.ts). */
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 1114 && format !== 'binary' ? (text: string) => new Date(text.replace(' ', 'T') + 'Z') : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

type StoredState = { due: Date; stability: number; difficulty: number; elapsedDays: number; scheduledDays: number; learningSteps: number; reps: number; lapses: number; state: number; lastReview: Date; version: number }

/**
 * The raw baseline: on one `pg` client, BEGIN; the grade's reads and writes (settings, replay check, card and state,
 * conditional state update, log insert); COMMIT; then the next cards' reads (due cards; new cards and those begun
 * today when fewer than 3 are due; the deck texts of shown cards not read before). The same statement texts as the
 * app, ts-fsrs called directly. It never reads states to render previews, which the app does for a card shown again
 * at a new version: the baseline makes at most the app's round trips.
 */
async function rawPgGrader(url: string) {
  const client = new pg.Client({ connectionString: url, types: utcTimestamps })
  await client.connect()
  const f = fsrs(generatorParameters({ enable_fuzz: true, enable_short_term: true }))
  const query = (text: string, values: unknown[]) => client.query({ text, values })
  const textsRead = new Set<string>()
  return {
    async grade(userId: string, cardId: string, rating: number, version: number, now: Date) {
      const nowIso = now.toISOString()
      await client.query('BEGIN')
      try {
        await query(Q.CONFIG.pgText, [userId, userId])
        if ((await query(Q.LOG_BY_ID.pgText, [randomUUID()])).rows[0]) throw new Error('replay')
        const row = (await query(Q.CARD_AND_STATE.pgText, [userId, cardId])).rows[0] as StoredState
        if (row.version !== version) throw new Error('stale')
        const card: FsrsCard = {
          due: row.due, stability: row.stability, difficulty: row.difficulty, elapsed_days: row.elapsedDays, scheduled_days: row.scheduledDays,
          learning_steps: row.learningSteps, reps: row.reps, lapses: row.lapses, state: row.state, last_review: row.lastReview,
        }
        const { card: next, log } = f.next(card, now, rating as FsrsGrade)
        const updated = await query(Q.UPDATE_STATE.pgText, [
          next.due.toISOString(), next.stability, next.difficulty, next.elapsed_days, next.scheduled_days, next.learning_steps, next.reps, next.lapses, next.state,
          // suspended, leech: written by the app's state write too (issue #15), so the baseline writes them as well.
          nowIso, version + 1, false, false, nowIso, userId, cardId, version,
        ])
        if (updated.rowCount !== 1) throw new Error('stale')
        await query(Q.INSERT_LOG.pgText, [
          randomUUID(), userId, cardId, 'review', rating, log.state, row.due.toISOString(), log.stability, log.difficulty, log.elapsed_days,
          log.last_elapsed_days, log.scheduled_days, log.learning_steps, nowIso, 0, 1000, false, '{}', version + 1, nowIso, userId,
        ])
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
      // Next 3 cards: due cards; new cards only when fewer than 3 are due now (as the app's queue); the shown cards' texts.
      const ahead = new Date(now.getTime() + LEARN_AHEAD_MS).toISOString()
      const endOfDay = new Date(now.getTime() + 86_400_000).toISOString()
      await query(Q.DAY_LOG.pgText, [userId, 0]) // the day's answers: limits and buried siblings
      await query(TalkQ.UPCOMING_TALKS.pgText, [userId, studyDayDate(0)]) // a talk's planned cards (none here)
      const due = [
        ...(await query(Q.DUE_LEARNING(3).pgText, [userId, ahead, userId, ahead])).rows,
        ...(await query(Q.DUE_REVIEWS(3).pgText, [userId, endOfDay])).rows,
      ] as { cardId: string; due: Date }[]
      if (due.filter((d) => d.due.getTime() <= now.getTime()).length < 3) {
        await query(Q.FRESH(12).pgText, [0, userId])
      }
      // The deck's texts change only when a deck is loaded again: read once per card, as the app keeps them.
      const unread = due.slice(0, 3).map((d) => d.cardId).filter((id) => !textsRead.has(id))
      if (unread.length > 0) for (const text of (await query(Q.DISPLAY(unread.length).pgText, unread)).rows) textsRead.add(text.id)
    },
    close: () => client.end(),
  }
}

export type PgSizeResult = {
  logs: number
  users: number
  copySeconds: number
  gradeAppUs: Stats
  gradeRawUs: Stats
  breakdownUs: Record<string, Stats>
  logsExpected: number
  logsFound: number
  /** Round trips per grade + next 3 cards (BEGIN and COMMIT included), mean over the measured grades. */
  statementsPerGrade: { app: number; raw: number }
}

export type PgOptions = {
  server: EmbeddedPg
  /** A copy of the synthetic SQLite file and what bench/synth.ts returned for it (versions as of the copy). */
  source: { file: string; synth: Synth }
  logs: number
  users: number
  grades: number
  reads: number
  atOnce: number
  now: Date
}

/**
 * Counts every query sent on any `pg` client of this process (the app's pool and the raw client alike): the
 * benchmark's only look inside the app's PostgreSQL traffic.
 */
let queriesSent = 0
const sendQuery = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queriesSent++
  return (sendQuery as (...a: unknown[]) => unknown).apply(this, args)
} as typeof pg.Client.prototype.query

export async function measurePg(o: PgOptions): Promise<PgSizeResult> {
  const { file, synth } = o.source
  const t1 = Date.now()
  const url = await o.server.createDatabase(`bench_${o.logs}`)
  const config = databaseConfig({ DATABASE_URL: url })
  await applyMigrations(config)
  const loader = createDb(config)
  await loadDecks(loader.prisma, path.join(process.cwd(), 'data'))
  await loader.close()
  const countLogs = async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return Number((await client.query('SELECT COUNT(*) AS n FROM "ReviewLog"')).rows[0].n)
    } finally {
      await client.end()
    }
  }
  const copier = new pg.Client({ connectionString: url })
  await copier.connect()
  try {
    await copyRows(file, copier)
  } finally {
    await copier.end()
  }
  const logsCopied = await countLogs()
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const copySeconds = (Date.now() - t1) / 1000
  process.stderr.write(`PostgreSQL: ${o.logs.toLocaleString('en')} logs migrated and copied in ${copySeconds.toFixed(1)} s\n`)

  const db = createDb(config)
  const study = createStudy(db.exec)
  const raw = await rawPgGrader(url)
  const { rand, pick } = cardPicker(synth, 7)
  const rating = (i: number) => ((i % 4) + 1) as 1 | 2 | 3 | 4
  const appGrade = async (i: number, nextLimit: number) => {
    const a = pick()
    const result = await study.gradeCard(a.userId, { reviewId: randomUUID(), cardId: a.cardId, rating: rating(i), version: a.version, durationMs: 5000 }, o.now, nextLimit)
    if (result.kind !== 'graded') throw new Error(`app grade on PostgreSQL: ${result.kind}`)
  }
  const rawGrade = (i: number) => {
    const b = pick()
    return raw.grade(b.userId, b.cardId, rating(i), b.version, o.now)
  }

  const WARM_UP = 50
  for (let i = 0; i < WARM_UP; i++) {
    await appGrade(i, 3)
    await rawGrade(i)
  }
  const appSamples: number[] = []
  const rawSamples: number[] = []
  const statements = { app: 0, raw: 0 }
  for (let i = 0; i < o.grades; i++) {
    let sent = queriesSent
    let t = nowUs()
    await appGrade(i, 3)
    appSamples.push(nowUs() - t)
    statements.app += queriesSent - sent
    sent = queriesSent
    t = nowUs()
    await rawGrade(i)
    rawSamples.push(nowUs() - t)
    statements.raw += queriesSent - sent
  }
  const someone = () => synth.userIds[Math.floor(rand() * synth.userIds.length)]!
  const config0 = await study.config(synth.userIds[0]!)
  const breakdown: Record<string, number[]> = {
    'grade transaction (no next cards)': await time(o.reads, (i) => appGrade(i, 0)),
    'next 3 cards (queue + display + previews)': await time(o.reads, () => study.studyQueue(someone(), o.now, 3, config0)),
    // Up to 10 at a time on the pool's 10 connections, each its own transaction.
    [`grade transaction, ${o.atOnce} at once (per grade)`]: await timeAtOnce(o.reads / o.atOnce, o.atOnce, (i) => appGrade(i, 0)),
  }
  await raw.close()
  const logsFound = await countLogs()
  await db.close()
  await o.server.dropDatabase(`bench_${o.logs}`)
  const logsExpected = logsCopied + 2 * WARM_UP + 2 * o.grades + 2 * o.reads
  return {
    logs: o.logs,
    users: o.users,
    copySeconds,
    gradeAppUs: stats(appSamples),
    gradeRawUs: stats(rawSamples),
    breakdownUs: Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, stats(v)])),
    logsExpected,
    logsFound,
    statementsPerGrade: { app: statements.app / o.grades, raw: statements.raw / o.grades },
  }
}
