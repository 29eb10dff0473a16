/**
 * The one Prisma client, and the data layer's executor of SQL written once (lib/db/sql.ts). On SQLite every
 * statement, Prisma's and the data layer's own, runs on one better-sqlite3 connection behind one Gate, so no
 * request's query can land inside another request's transaction. On PostgreSQL both share one `pg` pool.
 */
import 'server-only'
import Database from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client'
import { PrismaClient as PgPrismaClient } from '../generated/prisma-pg/client'
import { databaseConfig, type DatabaseConfig } from './config'
import { Gate } from './gate'
import { startCheckpointer, WAL_KEEP_BYTES } from './checkpointer'
import { GroupCommit } from './group-commit'
import { pgExecutor, readSqlite, runSqlite, type Executor, type Work } from './sql'
import { WalSync } from './wal-sync'

export type Db = {
  /** Typed by the SQLite client; on PostgreSQL it is the PostgreSQL client, whose API the app uses identically. */
  prisma: PrismaClient
  provider: 'sqlite' | 'postgresql'
  /** Runs the data layer's statements (lib/db/sql.ts) on this database. */
  exec: Executor
  /** Runs `work` with the raw SQLite connection while holding the gate (SQLite only). */
  withSqlite<T>(work: (sqlite: Database.Database) => T): Promise<T>
  /**
   * Runs writing `work` like withSqlite, in the shared write transaction of lib/db/group-commit.ts; resolves after
   * the COMMIT that made it durable (SQLite only).
   */
  writeSqlite<T>(work: (sqlite: Database.Database) => T): Promise<T>
  /** Disconnects, and stops the checkpointer (tests and the benchmark; the server simply exits). */
  close(): Promise<void>
}

/**
 * Opens the SQLite connection with the pragmas a server wants: WAL; commits that SQLite itself does not fsync
 * (NORMAL), because the app flushes the WAL off the main thread and acknowledges a write only after that flush
 * (lib/db/wal-sync.ts: FULL's promise without stopping the event loop, decision 0010); freed pages zeroed (a deleted
 * account's rows do not linger in the file); a busy timeout; enforced foreign keys.
 */
export function configureSqlite(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // Checkpoints run in lib/db/checkpointer.ts's worker, not inside a request's commit.
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`)
}

type Connected = { sqlite: Database.Database; batch: GroupCommit; stopCheckpointer: () => Promise<void>; walSync: WalSync }

function gatedSqliteFactory(url: string, gate: Gate, onConnect: (connected: Connected) => void): SqlDriverAdapterFactory {
  let stopCheckpointer: (() => Promise<void>) | undefined
  const inner = new PrismaBetterSqlite3({ url }, { timestampFormat: 'unixepoch-ms' })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect()
      // The adapter keeps its better-sqlite3 handle on `client`; the data layer's prepared statements share it.
      const sqlite = (adapter as unknown as { client: Database.Database }).client
      configureSqlite(sqlite)
      stopCheckpointer ??= startCheckpointer(url)
      const walSync = new WalSync(`${url}-wal`)
      const batch = new GroupCommit(sqlite, undefined, () => walSync.sync())
      onConnect({ sqlite, batch, stopCheckpointer, walSync })
      // Prisma's writes (sign-up, settings, deck loading) are answered after the same flush to disk as grades.
      const totalChanges = sqlite.prepare('SELECT total_changes()').pluck()
      const durably = async <T>(run: () => Promise<T>): Promise<T> => {
        let changed = false
        const result = await gate.run(async () => {
          batch.flush() // Prisma's statements never join the data layer's open write batch: it is committed first
          const before = totalChanges.get()
          const out = await run()
          changed = totalChanges.get() !== before
          return out
        })
        if (changed) await walSync.sync()
        return result
      }
      const gated: SqlDriverAdapter = Object.create(adapter)
      gated.queryRaw = (q) => durably(() => adapter.queryRaw(q))
      gated.executeRaw = (q) => durably(() => adapter.executeRaw(q))
      gated.executeScript = (s) => durably(() => adapter.executeScript(s))
      gated.startTransaction = async (isolation) => {
        const release = await gate.acquire()
        let tx: Transaction
        try {
          batch.flush()
          tx = await adapter.startTransaction(isolation)
        } catch (err) {
          release()
          throw err
        }
        const done = tx.commit.bind(tx)
        const undo = tx.rollback.bind(tx)
        tx.commit = async () => {
          try {
            await done()
          } finally {
            release()
          }
          await walSync.sync()
        }
        tx.rollback = async () => {
          try {
            await undo()
          } finally {
            release()
          }
        }
        return tx
      }
      return gated
    },
  }
}

/** A client for `config` (the app's is `db` below; tests and the benchmark make their own). */
export function createDb(config: DatabaseConfig): Db {
  if (config.provider === 'postgresql') {
    const pool = createPgPool(config.url)
    const prisma = new PgPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient
    return {
      prisma,
      provider: 'postgresql',
      exec: pgExecutor(pool),
      withSqlite: () => Promise.reject(new Error('withSqlite is for SQLite only')),
      writeSqlite: () => Promise.reject(new Error('writeSqlite is for SQLite only')),
      async close() {
        await prisma.$disconnect()
        await pool.end().catch(() => undefined)
      },
    }
  }
  const gate = new Gate()
  let connected: Connected | undefined
  const prisma = new PrismaClient({
    adapter: gatedSqliteFactory(config.sqlitePath, gate, (c) => (connected = c)),
  })
  const withSqlite: Db['withSqlite'] = async (work) => {
    if (!connected) await prisma.$connect()
    const { sqlite } = connected!
    return gate.runSync(() => work(sqlite))
  }
  const writeSqlite: Db['writeSqlite'] = async (work) => {
    if (!connected) await prisma.$connect()
    const { sqlite, batch } = connected!
    return gate.runSync(() => batch.write(() => work(sqlite)))
  }
  const writeAndRead = async <W, R>(work: () => Work<W>, then: (written: W) => Work<R> | undefined): Promise<{ written: W; read: R | undefined }> => {
    if (!connected) await prisma.$connect()
    const { sqlite, batch } = connected!
    let written: { value: W } | undefined
    let read: { value: R | undefined } | { error: unknown } | undefined
    // The read runs once the batch is committed, while its flush to disk runs on libuv's thread pool: it sees the
    // write (committed on this connection), and the answer still waits for the flush (decision 0010).
    const afterCommit = () => {
      try {
        const next = then(written!.value)
        read = { value: next ? readSqlite(sqlite, next) : undefined }
      } catch (error) {
        read = { error }
      }
    }
    // In an object, so that the gate is not held while the write waits for its COMMIT and flush.
    const { durable } = await gate.runSync(() => ({ durable: batch.write(() => (written = { value: runSqlite(sqlite, work()) }).value, afterCommit) }))
    const value = await durable // nothing is answered before the write is on disk; a write that threw rejects here
    if (!read) throw new Error('writeAndRead: the batch was committed without running its read')
    if ('error' in read) throw read.error
    return { written: value, read: read.value }
  }
  return {
    prisma,
    provider: 'sqlite',
    exec: {
      engine: 'sqlite',
      // One read transaction for all of a read's statements (readSqlite).
      read: (work) => withSqlite((sqlite) => readSqlite(sqlite, work())),
      // Its own savepoint in the shared write transaction: writes arriving together share one COMMIT.
      write: (work) => writeSqlite((sqlite) => runSqlite(sqlite, work())),
      writeAndRead,
    },
    withSqlite,
    writeSqlite,
    async close() {
      await gate.run(() => connected?.batch.flush())
      await connected?.walSync.sync().catch(() => undefined)
      await prisma.$disconnect()
      await connected?.stopCheckpointer()
      connected?.walSync.close()
    },
  }
}

/**
 * One pool for Prisma and the data layer. Prisma writes DateTime as `timestamp(3)` without a zone holding UTC wall
 * time; `pg` would read such a value in the process's local zone, so it is read as UTC here (the data layer's own
 * statements send ISO strings in UTC, see lib/db/sql.ts).
 */
function createPgPool(url: string): pg.Pool {
  const TIMESTAMP = 1114
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PG_POOL_SIZE ?? 10),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP && format !== 'binary' ? (text: string) => new Date(text.replace(' ', 'T') + 'Z') : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection that the server ends (a restart, an administrator, a network cut) is an 'error' event on the
  // pool; unhandled, it would end the whole process. The pool drops that client and connects anew when next asked.
  pool.on('error', (err) => console.error(`PostgreSQL: an idle connection ended (${err.message}); the next query connects again`))
  return pool
}

// One client per process, kept across Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { keyclaimsDb?: Db }
export const db: Db = (globalForDb.keyclaimsDb ??= createDb(databaseConfig()))
export const prisma = db.prisma
