/**
 * The servers the end-to-end tests drive: the real production build, four times — on a SQLite file of its own, on
 * a second one for the hostile-input suite alone, and twice on one embedded PostgreSQL database (lib/db/embedded-pg.ts;
 * two server processes sharing a database, as behind a load balancer), each database recreated on every run, with
 * the test clock on. Playwright waits for the last one; all stop with this process. Never used by `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { exitOnStartupFailure } from '../lib/db/preflight'
import { E2E_DB_PATH, E2E_HOSTILE_DB_PATH, E2E_HOSTILE_PORT, E2E_PG_DATABASE, E2E_PG_PORT, E2E_PG_SECOND_SERVER_PORT, E2E_PG_SERVER_PORT, E2E_PORT, E2E_SECRET } from '../e2e/env'
import { startEmbeddedPg, type EmbeddedPg } from '../lib/db/embedded-pg'
import { serverScript } from './start'

const children: ChildProcess[] = []
let postgres: EmbeddedPg | undefined

async function stopAll(code: number) {
  for (const child of children) child.kill('SIGTERM')
  await postgres?.stop().catch(() => undefined)
  process.exit(code)
}

function serve(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [serverScript, '-p', String(port)], { stdio: 'inherit', env })
  child.on('exit', (code, signal) => {
    // Said, so that a test run whose servers all went away names the one that went first, and how.
    console.error(`e2e server on port ${port} exited (${signal ? `signal ${signal}` : `code ${code}`}); stopping the others`)
    void stopAll(code ?? 1)
  })
  children.push(child)
  return child
}

async function main() {
  const { freshSqliteDatabase, prepareDatabase, loadAllDecks } = await import('./prepare')
  const { buildIfNeeded } = await import('./start')
  // ::1 plays a trusted proxy: tests that need many distinct clients connect over IPv6 and name the client in
  // X-Forwarded-For; everything else comes from 127.0.0.1, an untrusted socket whose forwarding headers are ignored.
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    KEYCLAIMS_TEST_CLOCK: '1',
    BETTER_AUTH_SECRET: E2E_SECRET,
    TRUSTED_PROXIES: '::1',
  }
  // The build does not depend on the database: one build serves `npm start` and both test servers.
  buildIfNeeded({ ...base, KEYCLAIMS_TEST_CLOCK: undefined })

  await freshSqliteDatabase(E2E_DB_PATH, E2E_SECRET)
  serve(E2E_PORT, { ...base, DATABASE_URL: `file:${E2E_DB_PATH}` })
  await freshSqliteDatabase(E2E_HOSTILE_DB_PATH, E2E_SECRET)
  serve(E2E_HOSTILE_PORT, { ...base, DATABASE_URL: `file:${E2E_HOSTILE_DB_PATH}` })

  postgres = await startEmbeddedPg(E2E_PG_PORT)
  process.env.DATABASE_URL = await postgres.createDatabase(E2E_PG_DATABASE)
  await prepareDatabase()
  await loadAllDecks()
  serve(E2E_PG_SERVER_PORT, { ...base, DATABASE_URL: process.env.DATABASE_URL })
  serve(E2E_PG_SECOND_SERVER_PORT, { ...base, DATABASE_URL: process.env.DATABASE_URL })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0))
}

main().catch((err: unknown) => {
  // Stop what started (the other server, the embedded PostgreSQL), then say the failure in one line.
  for (const child of children) child.kill('SIGTERM')
  void (postgres?.stop() ?? Promise.resolve()).catch(() => undefined).then(() => exitOnStartupFailure(err))
})
