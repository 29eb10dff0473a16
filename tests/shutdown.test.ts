/**
 * Stopping the production server (issue #32): SIGTERM or SIGINT sent to `npm start`'s process, to the server's, or to
 * the whole process group (Ctrl-C) stops it — a request in flight is answered and its write kept, the port is free,
 * and every process exits 0 within the 10 s grace. Starts `npm start` for real (it builds first if the sources
 * changed since the last build: minutes).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kc-shutdown-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

type Started = { npm: ChildProcess; port: number; dbFile: string; log: () => string; exited: Promise<number | null> }

async function startServer(name: string): Promise<Started> {
  const port = await freePort()
  const dbFile = path.join(dir, `${name}.db`)
  const env = { ...process.env, PORT: String(port), DATABASE_URL: `file:${dbFile}`, HOME: dir, BETTER_AUTH_SECRET: 'shutdown-test-secret-0123456789abcdef', KEYCLAIMS_TEST_CLOCK: undefined } as NodeJS.ProcessEnv
  // Its own process group, as a terminal gives a command: the "whole group" case signals it all.
  const npm = spawn('npm', ['start'], { cwd: process.cwd(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  npm.stdout!.on('data', (c) => (output += c))
  npm.stderr!.on('data', (c) => (output += c))
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)))
  const t0 = Date.now()
  while (!output.includes('Keyclaims listening')) {
    if (npm.exitCode !== null || Date.now() - t0 > 540_000) throw new Error(`npm start did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return { npm, port, dbFile, log: () => output, exited }
}

/** The server process (`node scripts/server.mjs -p PORT`) under this npm start. */
function serverPid(port: number): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  const line = lines.find((l) => l.includes(`scripts/server.mjs -p ${port}`))
  if (!line) throw new Error(`no server process on port ${port}`)
  return Number(line.trim().split(/\s+/)[0])
}

describe.each([
  ['npm start', 'SIGTERM'],
  ['npm start', 'SIGINT'],
  ['the server', 'SIGTERM'],
  ['the server', 'SIGINT'],
  ['the whole group', 'SIGTERM'],
  ['the whole group', 'SIGINT'],
] as const)('%s gets %s', (target, signal) => {
  it('answers the request in flight, keeps its write, frees the port, and every process exits 0 within 10 s', async () => {
    const started = await startServer(`${target.replace(/\W/g, '-')}-${signal}`)
    const base = `http://127.0.0.1:${started.port}`
    const server = serverPid(started.port)
    const email = `stop-${signal.toLowerCase()}@example.test`
    // A sign-up hashes a password (tens of ms at least): the signal arrives while it runs.
    const inFlight = fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ name: 'Stopper', email, password: 'a quite long unusual passphrase 42' }),
    })
    await new Promise((r) => setTimeout(r, 20))
    const t0 = Date.now()
    if (target === 'npm start') process.kill(started.npm.pid!, signal)
    else if (target === 'the server') process.kill(server, signal)
    else process.kill(-started.npm.pid!, signal)

    expect((await inFlight).status, started.log()).toBe(200)
    const code = await Promise.race([started.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))])
    if (code === 'hung') process.kill(-started.npm.pid!, 'SIGKILL')
    expect(code, started.log()).toBe(0)
    expect(Date.now() - t0).toBeLessThan(11_000)
    expect(await portOpen(started.port)).toBe(false)
    expect(() => process.kill(server, 0)).toThrow() // the server process is gone too
    const db = new Database(started.dbFile, { readonly: true })
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM "user" WHERE email = ?').get(email)).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  }, 600_000)
})
