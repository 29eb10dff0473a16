/**
 * The production server process as `npm start` runs it (issue #32), in one file so that only one `npm start` at a
 * time may build (it builds first if the sources changed since the last build: minutes).
 * - Stopping it: SIGTERM or SIGINT sent to `npm start`'s process, to the server's, or to the whole process group
 *   (Ctrl-C) stops it — a request in flight is answered and its write kept, the port is free, and every process exits
 *   0 within the 10 s grace.
 * - Oversized page POSTs (scripts/body-cap.mjs): answered 413, and nothing in the log when their clients hang up
 *   half way.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_PASSED_MAX_BYTES } from '../scripts/body-cap.mjs'
import { ACTION_BODY_MAX_BYTES, JSON_BODY_MAX_BYTES } from '../lib/core/request-limits'

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

/**
 * A page POST (a server-action call) of `declaredBytes` (null: chunked) on a connection of its own that closes after
 * the answer, as a script's one-off request does. The client sends `sentBytes` (all of it when they are the declared
 * length), then reads the answer, or hangs up after `waitMs` without one: the status, 'none', or the error's code.
 */
function oversizedPost(port: number, sentBytes: number, declaredBytes: number | null, waitMs: number) {
  return new Promise<number | string>((resolve) => {
    const headers: Record<string, string> = { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' }
    if (declaredBytes !== null) headers['Content-Length'] = String(declaredBytes)
    const req = http.request({ host: '127.0.0.1', port, path: '/settings', method: 'POST', headers, agent: false })
    const timer = setTimeout(() => (req.destroy(), resolve('none')), waitMs)
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => (clearTimeout(timer), resolve(res.statusCode ?? 0)))
    })
    req.on('error', (err: NodeJS.ErrnoException) => (clearTimeout(timer), resolve(err.code ?? err.message)))
    const body = Buffer.alloc(sentBytes, 0x61)
    if (sentBytes === declaredBytes) req.end(body)
    else req.write(body)
  })
}

describe('oversized page POSTs', () => {
  it('Next is given one byte past the largest body any route takes, no less', () => {
    expect(BODY_PASSED_MAX_BYTES).toBe(Math.max(ACTION_BODY_MAX_BYTES, JSON_BODY_MAX_BYTES))
  })

  it('are refused with 413 whole, and a client that hangs up mid-upload leaves nothing in the log', async () => {
    const started = await startServer('oversized')
    try {
      // Whole uploads (the first also warms the server up: its first requests load the proxy and the page).
      const whole = await fetch(`http://127.0.0.1:${started.port}/settings`, {
        method: 'POST',
        headers: { Origin: `http://127.0.0.1:${started.port}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
        body: `a=${'x'.repeat(2 * 1024 * 1024)}`,
      })
      expect(whole.status).toBe(413)
      expect(await whole.text()).toContain('larger than 64 KB')
      const closing: (number | string)[] = []
      for (const bytes of [70 * 1024, 300 * 1024, 900 * 1024]) closing.push(await oversizedPost(started.port, bytes, bytes, 30_000))
      expect(closing, 'a whole upload on a closing connection reads its 413').toEqual([413, 413, 413])
      // Declared over the limit, or chunked past it, and the client hangs up half way (each was a logged error).
      const hungUp: (number | string)[] = []
      for (let i = 0; i < 10; i++) hungUp.push(await oversizedPost(started.port, 300 * 1024, 1024 * 1024, 300))
      for (let i = 0; i < 5; i++) hungUp.push(await oversizedPost(started.port, 100 * 1024, 1024 * 1024, 300))
      for (let i = 0; i < 5; i++) hungUp.push(await oversizedPost(started.port, 300 * 1024, null, 300))
      expect(hungUp.filter((s) => s !== 'none' && s !== 413)).toEqual([])
      expect((await fetch(`http://127.0.0.1:${started.port}/sign-in`)).status).toBe(200)
      await new Promise((r) => setTimeout(r, 500)) // what the last hang-ups would log
      expect(started.log()).not.toMatch(/aborted|ECONNRESET|uncaught|Request body exceeded/i)
    } finally {
      process.kill(-started.npm.pid!, 'SIGTERM')
      await Promise.race([started.exited, new Promise((r) => setTimeout(r, 15_000))])
    }
  }, 600_000)
})
