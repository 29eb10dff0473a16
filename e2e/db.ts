/**
 * What a test reads (and the little it sets up) directly in the database of the server it drives: the SQLite file
 * or the embedded PostgreSQL, chosen by the Playwright project. Statements are written once in the SQL both engines
 * share (lib/db/sql.ts): quoted identifiers, `?` placeholders, Date values.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { test } from '@playwright/test'
import { Statement, type Param } from '../lib/db/sql'
import { E2E_DB_PATH, E2E_PG_URL } from './env'

export type Engine = 'sqlite' | 'postgresql'

/** The engine of the server this test drives (the Playwright project's name). */
export function engine(): Engine {
  return test.info().project.name === 'postgresql' ? 'postgresql' : 'sqlite'
}

const toSqlite = (p: Param) => (p instanceof Date ? p.getTime() : typeof p === 'boolean' ? (p ? 1 : 0) : p)
const toPg = (p: Param) => (p instanceof Date ? p.toISOString() : p)

/** Runs one statement on the test's database and returns its rows. */
export async function query<Row = Record<string, unknown>>(text: string, ...params: Param[]): Promise<Row[]> {
  const statement = new Statement(text)
  if (engine() === 'sqlite') {
    const sqlite = new Database(E2E_DB_PATH)
    sqlite.pragma('busy_timeout = 5000')
    try {
      const s = sqlite.prepare(statement.text)
      return (s.reader ? s.all(...params.map(toSqlite)) : (s.run(...params.map(toSqlite)), [])) as Row[]
    } finally {
      sqlite.close()
    }
  }
  const client = new pg.Client({ connectionString: E2E_PG_URL })
  await client.connect()
  try {
    return (await client.query({ text: statement.pgText, values: params.map(toPg) })).rows as Row[]
  } finally {
    await client.end()
  }
}

/** The first column of the first row as a number (a count, a version), 0 when there is no row. */
export async function countRows(text: string, ...params: Param[]): Promise<number> {
  const [row] = await query(text, ...params)
  return Number(row ? Object.values(row)[0] ?? 0 : 0)
}
