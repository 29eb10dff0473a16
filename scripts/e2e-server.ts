/**
 * The server the end-to-end tests drive: the real production build, on a database file of its own (recreated on
 * every run), with the test clock on. Never used by `npm start`.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '../lib/db/config'
import { exitOnStartupFailure } from '../lib/db/preflight'
import { E2E_DB_PATH, E2E_PORT, E2E_SECRET } from '../e2e/env'

async function main() {
  const { freshSqliteDatabase } = await import('./prepare')
  const { buildIfNeeded } = await import('./start')
  await freshSqliteDatabase(E2E_DB_PATH, E2E_SECRET)
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KEYCLAIMS_TEST_CLOCK: '1' }
  // The build does not depend on the database: the same build serves `npm start` and the tests.
  buildIfNeeded({ ...env, KEYCLAIMS_TEST_CLOCK: undefined })
  const server = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(E2E_PORT)], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (code) => process.exit(code ?? 0))
}

main().catch(exitOnStartupFailure)
