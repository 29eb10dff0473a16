/**
 * SQL written once, run on SQLite and on PostgreSQL (decision 0007).
 *
 * A use case is a generator that yields the statements it needs and receives their results:
 *
 *   function* userName(userId: string): Work<string | null> {
 *     const row = yield* get(USER_NAME, [userId])
 *     return row?.name ?? null
 *   }
 *
 * On SQLite a runner drives it synchronously on better-sqlite3 (inside the connection's gate, and for writes inside
 * one savepoint of the shared group-commit transaction, which needs the whole write to run without a hop); on
 * PostgreSQL a runner awaits each statement on one pooled `pg` client, inside BEGIN … COMMIT for writes. The use case
 * itself is the same code, top to bottom, on both engines.
 *
 * Statements use `?` placeholders and only the SQL both engines share: quoted camelCase identifiers, `NOT flag` for
 * booleans, `CAST(COUNT(*) AS INTEGER)` for counts (PostgreSQL's COUNT is a bigint, which `pg` returns as a string),
 * `ON CONFLICT … DO NOTHING`, and `IN (?, ?, …)` lists made by `placeholders(n)`. Values cross the boundary in one
 * form: a Date parameter is epoch milliseconds on SQLite (the Prisma adapter's unixepoch-ms) and a UTC timestamp on
 * PostgreSQL; a date column comes back as a number or a Date, which `asDate` reads either way.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Pool, PoolClient } from 'pg'

export type Param = string | number | boolean | Date | null

/** A statement, prepared once per connection; `Row` is the shape of one result row. */
export class Statement<Row = Record<string, unknown>> {
  /** The same text with PostgreSQL's numbered placeholders. */
  readonly pgText: string
  /**
   * The name PostgreSQL prepares it under, once per connection: from the text itself, since the server's bundles may
   * each load this module (a counter would give one name to two statements on the shared pool).
   */
  readonly pgName: string
  declare readonly row: Row
  constructor(readonly text: string) {
    let n = 0
    this.pgText = text.replace(/\?/g, () => `$${++n}`)
    this.pgName = `kc_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
  }
}

export const sql = <Row = Record<string, unknown>>(text: string) => new Statement<Row>(text)

/** `?, ?, ?` for an `IN (…)` list of n values (n ≥ 1). */
export function placeholders(n: number): string {
  return Array.from({ length: Math.max(1, n) }, () => '?').join(', ')
}

/**
 * Statements that depend on a small number (a LIMIT, the length of an IN list), made once per number. SQLite ran
 * `LIMIT ?` at twice the time of the same number written in (docs/performance.md), so limits are written in.
 */
export function perCount<Row>(make: (n: number) => string, max = 1000): (n: number) => Statement<Row> {
  const made = new Map<number, Statement<Row>>()
  return (count) => {
    const n = Math.min(Math.max(1, Math.trunc(count)), max)
    let s = made.get(n)
    if (!s) made.set(n, (s = new Statement<Row>(make(n))))
    return s
  }
}

export type Op =
  | { kind: 'get'; statement: Statement<unknown>; params: readonly Param[] }
  | { kind: 'all'; statement: Statement<unknown>; params: readonly Param[] }
  | { kind: 'run'; statement: Statement<unknown>; params: readonly Param[] }

/** A use case's body: yields statements, returns its result. */
export type Work<T> = Generator<Op, T, unknown>

export function* get<Row>(statement: Statement<Row>, params: readonly Param[]): Work<Row | undefined> {
  return (yield { kind: 'get', statement, params }) as Row | undefined
}

export function* all<Row>(statement: Statement<Row>, params: readonly Param[]): Work<Row[]> {
  return (yield { kind: 'all', statement, params }) as Row[]
}

/** Runs a statement that writes; returns how many rows it changed. */
export function* run(statement: Statement<unknown>, params: readonly Param[]): Work<number> {
  return (yield { kind: 'run', statement, params }) as number
}

/** A date column as read from either engine (epoch ms on SQLite, a Date on PostgreSQL). */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as number)
}

export const asDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : asDate(value))

/** A boolean column as read from either engine (0/1 on SQLite). */
export const asBool = (value: unknown): boolean => value === true || value === 1

/** How the data layer runs work; one per database. */
export interface Executor {
  readonly engine: 'sqlite' | 'postgresql'
  /** Runs reading work: on SQLite synchronously inside the gate, on PostgreSQL on one pooled client. */
  read<T>(work: () => Work<T>): Promise<T>
  /**
   * Runs writing work in one transaction, resolved once it is committed. If the work throws, nothing it wrote is
   * kept and the promise rejects with that error.
   */
  write<T>(work: () => Work<T>): Promise<T>
  /**
   * `write`, then `then` (given what the write returned; undefined for nothing to read) as a read that sees the write;
   * both resolved once the write is committed and on disk. A grade and the next cards: on SQLite the read runs as
   * soon as the write's batch is committed, while its flush to disk runs on another thread, instead of after it; on
   * PostgreSQL it is a read of its own after the COMMIT (`sequentialWriteAndRead`).
   */
  writeAndRead<W, R>(work: () => Work<W>, then: (written: W) => Work<R> | undefined): Promise<{ written: W; read: R | undefined }>
}

/** writeAndRead as a write followed by a read of its own: PostgreSQL's, and any executor with no batch to share. */
export async function sequentialWriteAndRead<W, R>(
  exec: Pick<Executor, 'read' | 'write'>,
  work: () => Work<W>,
  then: (written: W) => Work<R> | undefined,
): Promise<{ written: W; read: R | undefined }> {
  const written = await exec.write(work)
  const next = then(written)
  return { written, read: next ? await exec.read(() => next) : undefined }
}

// ---------- SQLite ----------

const sqliteParam = (p: Param): string | number | null => (p instanceof Date ? p.getTime() : typeof p === 'boolean' ? (p ? 1 : 0) : p)

/** Runs one statement of a use case on a better-sqlite3 connection (prepared once per connection) and returns its result. */
export function stepSqlite(sqlite: Database.Database, op: Op): unknown {
  let prepared = preparedBy.get(sqlite)
  if (!prepared) preparedBy.set(sqlite, (prepared = new WeakMap()))
  let s = prepared.get(op.statement)
  if (!s) prepared.set(op.statement, (s = sqlite.prepare(op.statement.text).safeIntegers(false)))
  const params = op.params.map(sqliteParam)
  return op.kind === 'get' ? s.get(...params) : op.kind === 'all' ? s.all(...params) : s.run(...params).changes
}

/** Drives `work` to its end on one better-sqlite3 connection, synchronously. */
export function runSqlite<T>(sqlite: Database.Database, work: Work<T>): T {
  let step = work.next()
  while (!step.done) {
    let result: unknown
    try {
      result = stepSqlite(sqlite, step.value)
    } catch (err) {
      step = work.throw(err)
      continue
    }
    step = work.next(result)
  }
  return step.value
}

const snapshotStatements = new WeakMap<Database.Database, { begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement }>()

/**
 * Drives reading `work` on one better-sqlite3 connection inside one read transaction (unless the connection is
 * already in one: a write batch that is open). Outside a transaction each statement is a read transaction of its
 * own, which takes and drops the WAL index's read lock (two fcntl calls and an fstat per statement: ~27 µs a
 * statement on this project's loaded machine against ~1 µs inside a transaction); one transaction also gives all the
 * work's statements one snapshot, as PostgreSQL's reads have.
 */
export function readSqlite<T>(sqlite: Database.Database, work: Work<T>): T {
  if (sqlite.inTransaction) return runSqlite(sqlite, work)
  let s = snapshotStatements.get(sqlite)
  if (!s) snapshotStatements.set(sqlite, (s = { begin: sqlite.prepare('BEGIN'), commit: sqlite.prepare('COMMIT'), rollback: sqlite.prepare('ROLLBACK') }))
  s.begin.run()
  try {
    const result = runSqlite(sqlite, work)
    s.commit.run()
    return result
  } catch (err) {
    if (sqlite.inTransaction) s.rollback.run()
    throw err
  }
}

/**
 * Drives `work` to its end, awaiting each statement's result from `step` (an error thrown there is thrown into the
 * work, which may catch it). PostgreSQL's runner; the benchmark also drives better-sqlite3 this way (bench/).
 */
export async function driveAsync<T>(work: Work<T>, step: (op: Op) => Promise<unknown>): Promise<T> {
  let next = work.next()
  while (!next.done) {
    let result: unknown
    try {
      result = await step(next.value)
    } catch (err) {
      next = work.throw(err)
      continue
    }
    next = work.next(result)
  }
  return next.value
}

const preparedBy = new WeakMap<Database.Database, WeakMap<Statement<unknown>, Database.Statement>>()

// ---------- PostgreSQL ----------

/** A timestamp parameter: `timestamp(3)` without zone, as Prisma stores it (UTC wall time). */
const pgParam = (p: Param): Param => (p instanceof Date ? p.toISOString() : p)

/** Drives `work` to its end on one `pg` client, awaiting each statement. */
export function runPg<T>(client: PoolClient, work: Work<T>): Promise<T> {
  return driveAsync(work, async (op) => {
    // Named: PostgreSQL prepares it once per connection instead of planning it on every call (the queue's DUE
    // spent ~1 ms planning for 0.13 ms running).
    const res = await client.query({ name: op.statement.pgName, text: op.statement.pgText, values: op.params.map(pgParam) })
    return op.kind === 'get' ? res.rows[0] : op.kind === 'all' ? res.rows : (res.rowCount ?? 0)
  })
}

/**
 * Errors on which a PostgreSQL transaction is tried again from the start: serialization failure, deadlock, and a
 * review-log sequence number taken by a concurrent write of the same person (INSERT_LOG reads MAX + 1 under READ
 * COMMITTED, so of two at once the unique index refuses the second; tried again, it reads the first's number). Each
 * write of one person's that runs at the same time costs the others at most one more try.
 */
function retryable(err: unknown): boolean {
  const { code, constraint } = err as { code?: unknown; constraint?: unknown }
  return code === '40001' || code === '40P01' || (code === '23505' && constraint === 'ReviewLog_userId_sequence_key')
}
const MAX_TRIES = 8

/**
 * Whether a client that failed with `err` must leave the pool: a lost connection or a server shutting it down
 * (class 08 / 57P, a socket error, pg's "Connection terminated"), unlike an error in a statement or one of ours.
 */
function brokenConnection(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown }
  if (typeof code === 'string') return code.startsWith('08') || code.startsWith('57P') || code === 'ECONNRESET' || code === 'EPIPE'
  return typeof message === 'string' && /connection (terminated|ended)|not queryable/i.test(message)
}

export function pgExecutor(pool: Pool): Executor {
  const exec: Executor = {
    engine: 'postgresql',
    writeAndRead: (work, then) => sequentialWriteAndRead(exec, work, then),
    async read(work) {
      const client = await pool.connect()
      let failure: unknown
      try {
        // One snapshot for all of a read's statements (a SQLite read runs at once): a grade committed between two of
        // them (the day's log, then the unseen cards) would otherwise make the queue offer a card over the day's limit.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
        const result = await runPg(client, work())
        await client.query('COMMIT')
        return result
      } catch (err) {
        failure = err
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release(failure !== undefined && brokenConnection(failure) ? (failure as Error) : undefined)
      }
    },
    async write(work) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect()
        let failure: unknown
        try {
          await client.query('BEGIN')
          const result = await runPg(client, work())
          await client.query('COMMIT')
          return result
        } catch (err) {
          failure = err
          await client.query('ROLLBACK').catch(() => undefined)
          if (attempt < MAX_TRIES && retryable(err)) continue
          throw err
        } finally {
          client.release(failure !== undefined && brokenConnection(failure) ? (failure as Error) : undefined)
        }
      }
    },
  }
  return exec
}
