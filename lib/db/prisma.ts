/**
 * The one Prisma client. On SQLite every statement, Prisma's and the data layer's own prepared ones, runs on one
 * better-sqlite3 connection behind one Gate, so no request's query can land inside another request's transaction.
 */
import 'server-only'
import Database from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils'
import { PrismaClient } from '../generated/prisma/client'
import { databaseConfig, type DatabaseConfig } from './config'
import { Gate } from './gate'
import { startCheckpointer, WAL_KEEP_BYTES } from './checkpointer'

export type Db = {
  prisma: PrismaClient
  provider: 'sqlite' | 'postgresql'
  /** Runs `work` with the raw SQLite connection while holding the gate (SQLite only). */
  withSqlite<T>(work: (sqlite: Database.Database) => T): Promise<T>
  /** Disconnects, and stops the checkpointer (tests and the benchmark; the server simply exits). */
  close(): Promise<void>
}

/** Opens the SQLite connection with the pragmas a server wants: WAL, a busy timeout, enforced foreign keys. */
export function configureSqlite(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // Checkpoints run in lib/db/checkpointer.ts's worker, not inside a request's commit.
  sqlite.pragma('wal_autocheckpoint = 0')
  sqlite.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`)
}

function gatedSqliteFactory(url: string, gate: Gate, onConnect: (sqlite: Database.Database, stopCheckpointer: () => Promise<void>) => void): SqlDriverAdapterFactory {
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
      onConnect(sqlite, stopCheckpointer)
      const gated: SqlDriverAdapter = Object.create(adapter)
      gated.queryRaw = (q) => gate.run(() => adapter.queryRaw(q))
      gated.executeRaw = (q) => gate.run(() => adapter.executeRaw(q))
      gated.executeScript = (s) => gate.run(() => adapter.executeScript(s))
      gated.startTransaction = async (isolation) => {
        const release = await gate.acquire()
        let tx: Transaction
        try {
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
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) })
    return {
      prisma,
      provider: 'postgresql',
      withSqlite: () => Promise.reject(new Error('withSqlite is for SQLite only')),
      close: () => prisma.$disconnect(),
    }
  }
  const gate = new Gate()
  let sqlite: Database.Database | undefined
  let stopCheckpointer: (() => Promise<void>) | undefined
  const prisma = new PrismaClient({
    adapter: gatedSqliteFactory(config.sqlitePath, gate, (s, stop) => {
      sqlite = s
      stopCheckpointer = stop
    }),
  })
  return {
    prisma,
    provider: 'sqlite',
    async withSqlite(work) {
      if (!sqlite) await prisma.$connect()
      return gate.runSync(() => work(sqlite!))
    },
    async close() {
      await prisma.$disconnect()
      await stopCheckpointer?.()
    },
  }
}

// One client per process, kept across Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { keyclaimsDb?: Db }
export const db: Db = (globalForDb.keyclaimsDb ??= createDb(databaseConfig()))
export const prisma = db.prisma
