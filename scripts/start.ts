/**
 * `npm start`: the production server on an embedded SQLite database, with nothing to set up by hand.
 * Builds when the sources changed since the last build, migrates, loads the decks, then runs scripts/server.mjs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../lib/db/config'
import { exitOnStartupFailure } from '../lib/db/preflight'
import { ensureAuthSecret, loadAllDecks, prepareDatabase } from './prepare'

const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next')
/** The production server (Next behind our client-address step): run as `node <serverScript> -p PORT [-H HOST]`. */
export const serverScript = path.join(projectRoot, 'scripts', 'server.mjs')
const fingerprintFile = path.join(projectRoot, '.next', 'keyclaims-sources')
const builtWorker = path.join(projectRoot, 'public', 'sw.js')
const SOURCES = ['app', 'lib', 'i18n', 'messages', 'global.d.ts', 'public', 'worker', 'instrumentation.ts', 'proxy.ts', 'next.config.js', 'package.json', 'package-lock.json', 'tsconfig.json', 'prisma/schema.prisma']

/** A hash of every source file's path, size and mtime: cheap, and changes whenever a build could differ. */
function sourcesFingerprint(): string {
  const hash = createHash('sha256')
  const walk = (p: string) => {
    if (!existsSync(p)) return
    const st = statSync(p)
    if (st.isDirectory()) {
      // public/sw.js is the build's own output (scripts/build-sw.ts), not a source.
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && path.join(p, name) !== builtWorker) walk(path.join(p, name))
    } else {
      hash.update(`${path.relative(projectRoot, p)}\0${st.size}\0${st.mtimeMs}\n`)
    }
  }
  for (const s of SOURCES) walk(path.join(projectRoot, s))
  return hash.digest('hex')
}

export function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  const fingerprint = sourcesFingerprint()
  const built = existsSync(path.join(projectRoot, '.next', 'BUILD_ID')) && existsSync(fingerprintFile)
  if (built && readFileSync(fingerprintFile, 'utf8') === fingerprint) return
  console.log('building the app (first start, or the sources changed)…')
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
  // The service worker, after the build it precaches (issue #37).
  const worker = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'build-sw.ts')], { stdio: 'inherit', env })
  if (worker.status !== 0) process.exit(worker.status ?? 1)
  writeFileSync(fingerprintFile, fingerprint)
}

async function main() {
  if (process.env.KEYCLAIMS_TEST_CLOCK) {
    console.error('KEYCLAIMS_TEST_CLOCK is for the end-to-end tests only; npm start refuses it.')
    process.exit(2)
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    BETTER_AUTH_SECRET: ensureAuthSecret(),
  }
  process.env.BETTER_AUTH_SECRET = env.BETTER_AUTH_SECRET
  await prepareDatabase()
  await loadAllDecks()
  buildIfNeeded(env)
  const port = process.env.PORT || '3000'
  // exec-like: one process tree, signals passed on, so no orphaned next-server keeps the port. The server stops
  // gracefully on the first signal (scripts/server.mjs); this process waits for it and exits with its code. The IPC
  // channel tells the server when this process is gone, however it ended.
  const server = spawn(process.execPath, [serverScript, '-p', port], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (require.main === module) {
  main().catch(exitOnStartupFailure)
}
