/** `npm run dev`: the same preparation as `npm start` (secret, migrations, decks), then Next's development server. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '../lib/db/config'
import { exitOnStartupFailure } from '../lib/db/preflight'
import { ensureAuthSecret, loadAllDecks, prepareDatabase } from './prepare'

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_SECRET: ensureAuthSecret() }
  await prepareDatabase()
  await loadAllDecks()
  const server = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '-p', process.env.PORT || '3000'], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
  server.on('exit', (code) => process.exit(code ?? 0))
}

main().catch(exitOnStartupFailure)
