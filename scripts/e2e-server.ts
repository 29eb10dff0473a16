/**
 * The server the end-to-end tests drive: the real production build, on a database file of its own (recreated on
 * every run), with the test clock on. Never used by `npm start`.
 */
import { spawn } from 'node:child_process'
import { E2E_DB_PATH, E2E_PORT, E2E_SECRET } from '../e2e/env'

async function main() {
  const { freshSqliteDatabase } = await import('./prepare')
  const { buildIfNeeded, serverScript } = await import('./start')
  await freshSqliteDatabase(E2E_DB_PATH, E2E_SECRET)
  // ::1 plays a trusted proxy: tests that need many distinct clients connect over IPv6 and name the client in
  // X-Forwarded-For; everything else comes from 127.0.0.1, an untrusted socket whose forwarding headers are ignored.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KEYCLAIMS_TEST_CLOCK: '1', TRUSTED_PROXIES: '::1' }
  // The build does not depend on the database: the same build serves `npm start` and the tests.
  buildIfNeeded({ ...env, KEYCLAIMS_TEST_CLOCK: undefined })
  const server = spawn(process.execPath, [serverScript, '-p', String(E2E_PORT)], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (code) => process.exit(code ?? 0))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
