/**
 * Start-up failures said in one line, with a non-zero exit and nothing migrated: the database held by a running
 * server, a folder SQLite cannot write, a malformed DATABASE_URL, PostgreSQL unreachable or refusing the password.
 */
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseConfig } from '../lib/db/config'
import { checkPostgres, checkSqliteFolder, preflight } from '../lib/db/preflight'

const SECRET_PASSWORD = 's3cret-Passw0rd'
let dir: string

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kc-startup-'))
  // Readable by everyone: the permission tests run the start script as an unprivileged user when we are root.
  chmodSync(dir, 0o755)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

type Started = { code: number | null; stdout: string; stderr: string; ms: number }

/** Runs `npm start`'s script (`tsx scripts/start.ts`) with the given DATABASE_URL, as `uid` when given. */
function runStart(databaseUrl: string, uid?: number): Promise<Started> {
  const t0 = Date.now()
  const tsx = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const env = { ...process.env, HOME: os.tmpdir(), DATABASE_URL: databaseUrl, BETTER_AUTH_SECRET: 'startup-test-secret-0123456789abcdef', KEYCLAIMS_TEST_CLOCK: undefined }
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', 'scripts/start.ts'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d))
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })))
}

/** Root may write anywhere: a permission test runs as `nobody` then. */
const unprivileged = process.getuid?.() === 0 ? 65534 : undefined

function expectOneLineFailure(started: Started, pattern: RegExp) {
  expect(started.code).toBe(1)
  expect(started.stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)])
  expect(started.stdout + started.stderr).not.toContain(SECRET_PASSWORD)
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

describe('npm start fails in one line, with exit code 1', () => {
  it.concurrent('when the database folder is read-only: names the folder and the write permission, and creates nothing', async () => {
    const readOnly = path.join(dir, 'read-only')
    mkdirSync(readOnly)
    chmodSync(readOnly, 0o555)
    const started = await runStart(`file:${readOnly}/keyclaims.db`, unprivileged)
    expectOneLineFailure(started, new RegExp(`database folder ${readOnly} is not writable by user \\d+: SQLite needs write permission`))
    expect(existsSync(path.join(readOnly, 'keyclaims.db'))).toBe(false)
  })

  it.concurrent('when the database folder is missing and cannot be created: names the folder and where write permission is missing', async () => {
    const locked = path.join(dir, 'locked-parent')
    mkdirSync(locked)
    chmodSync(locked, 0o555)
    const started = await runStart(`file:${locked}/data/keyclaims.db`, unprivileged)
    expectOneLineFailure(started, new RegExp(`cannot create the database folder ${locked}/data: user \\d+ has no write permission in ${locked}`))
  })

  it.concurrent('when DATABASE_URL is malformed: says what it must start with, without repeating the password', async () => {
    expectOneLineFailure(await runStart(`mysql://kc:${SECRET_PASSWORD}@localhost/keyclaims`), /^DATABASE_URL must start with file: .* or postgresql:\/\/ .*; it starts with mysql:$/)
  })

  it.concurrent('when PostgreSQL is unreachable: names host and port, never the password', async () => {
    const port = await freePort()
    const started = await runStart(`postgresql://kc:${SECRET_PASSWORD}@127.0.0.1:${port}/keyclaims`)
    expectOneLineFailure(started, new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port} refused the connection`))
  })
})

describe('DATABASE_URL', () => {
  it('says what is wrong with a malformed one, and never repeats its password', () => {
    const cases: [string, RegExp][] = [
      ['var/keyclaims.db', /it has no scheme/],
      ['sqlite:var/keyclaims.db', /it starts with sqlite:/],
      ['file:', /names no file/],
      [`postgresql://kc:${SECRET_PASSWORD}@localhost:99999/keyclaims`, /not a valid PostgreSQL URL/],
      [`postgresql://kc:${SECRET_PASSWORD}@localhost:5432`, /names no database/],
      [`postgres://kc:${SECRET_PASSWORD}@/keyclaims`, /names no PostgreSQL host|not a valid PostgreSQL URL/],
    ]
    for (const [url, pattern] of cases) {
      let message = ''
      try {
        databaseConfig({ DATABASE_URL: url })
      } catch (err) {
        message = (err as Error).message
      }
      expect(message, url).toMatch(pattern)
      expect(message).not.toContain(SECRET_PASSWORD)
    }
  })

  it('accepts the documented forms', () => {
    expect(databaseConfig({ DATABASE_URL: 'file:var/x.db' }).sqlitePath).toBe(path.join(process.cwd(), 'var', 'x.db'))
    expect(databaseConfig({ DATABASE_URL: `postgresql://kc:${encodeURIComponent('p@ss/w:rd')}@db.example:6543/keyclaims` }).provider).toBe('postgresql')
  })
})

describe('a database held by a running server', () => {
  it('is waited for, then named: another Keyclaims server is using it; nothing is migrated', async () => {
    const file = path.join(dir, 'held.db')
    const server = new Database(file) // as the running server's connection holds it
    server.pragma('journal_mode = WAL')
    server.exec('CREATE TABLE "Card" (id TEXT)')
    const t0 = Date.now()
    try {
      await expect(preflight(databaseConfig({ DATABASE_URL: `file:${file}` }), { busyWaitMs: 800 })).rejects.toThrow(
        new RegExp(`^another Keyclaims server \\(or another program\\) is using the database ${file}: still in use after 1 s`),
      )
      expect(Date.now() - t0).toBeGreaterThanOrEqual(800)
      // The server's connection was not disturbed, and no migration was recorded.
      expect(server.prepare('SELECT name FROM sqlite_master').all()).toEqual([{ name: 'Card' }])
    } finally {
      server.close()
    }
  })

  it('is used as soon as the other connection (say an online backup) lets go within the wait', async () => {
    const file = path.join(dir, 'backup.db')
    const backup = new Database(file)
    backup.prepare('SELECT 1').get()
    setTimeout(() => backup.close(), 400)
    const t0 = Date.now()
    await preflight(databaseConfig({ DATABASE_URL: `file:${file}` }), { busyWaitMs: 5_000 })
    expect(Date.now() - t0).toBeLessThan(2_000)
  })

  it('does not keep other readers out while it waits', async () => {
    const file = path.join(dir, 'readers.db')
    const server = new Database(file)
    server.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)')
    const waiting = preflight(databaseConfig({ DATABASE_URL: `file:${file}` }), { busyWaitMs: 1_000 }).catch(() => 'gave up')
    const reader = new Database(file, { readonly: true, timeout: 100 })
    try {
      expect(reader.prepare('SELECT x FROM t').get()).toEqual({ x: 1 })
    } finally {
      reader.close()
      server.close()
    }
    await waiting
  })
})

describe('a file where the database should be', () => {
  it('is said to be a file, not a folder', () => {
    const file = path.join(dir, 'not-a-folder')
    writeFileSync(file, '')
    expect(() => checkSqliteFolder(path.join(file, 'keyclaims.db'))).toThrow(/is a file, not a folder|a part of that path is a file/)
  })

  it('that is not SQLite is named', async () => {
    const file = path.join(dir, 'text.db')
    writeFileSync(file, 'this is not a database, it is a text file that happens to be long enough to have a header\n'.repeat(20))
    await expect(preflight(databaseConfig({ DATABASE_URL: `file:${file}` }))).rejects.toThrow(new RegExp(`^${file} is not a SQLite database`))
  })
})

/**
 * A stand-in PostgreSQL that asks for a password and refuses it as PostgreSQL does (FATAL 28P01), so the test needs
 * no PostgreSQL installed. The real one was checked by hand the same way (docs/using.md, "Running a server").
 */
function refusingPostgres(): Promise<{ port: number; close(): void }> {
  const server = net.createServer((socket) => {
    let stage: 'startup' | 'password' | 'refused' = 'startup'
    socket.on('data', () => {
      if (stage === 'refused') return
      if (stage === 'startup') {
        stage = 'password'
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])) // AuthenticationCleartextPassword
        return
      }
      const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "kc"']
      const body = Buffer.concat([...fields.map((f) => Buffer.from(f + '\0')), Buffer.from([0])])
      const header = Buffer.alloc(5)
      header.write('E')
      header.writeInt32BE(body.length + 4, 1)
      stage = 'refused'
      socket.end(Buffer.concat([header, body]))
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })),
  )
}

describe('PostgreSQL', () => {
  it('refusing the password: names host, port and user, never the password', async () => {
    const fake = await refusingPostgres()
    try {
      const url = `postgresql://kc:${SECRET_PASSWORD}@127.0.0.1:${fake.port}/keyclaims`
      const failure = await checkPostgres(url, 2_000).then(() => null, (err: Error) => err.message)
      expect(failure).toBe(`PostgreSQL at 127.0.0.1:${fake.port} refused the password for user "kc"`)
    } finally {
      fake.close()
    }
  })

  it('not answering: gives up after the connect timeout, naming host and port', async () => {
    // A listener that accepts and never speaks: what a firewall that drops packets looks like to the client.
    const silent = net.createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()))
    const port = (silent.address() as net.AddressInfo).port
    try {
      const failure = await checkPostgres(`postgresql://kc:${SECRET_PASSWORD}@127.0.0.1:${port}/keyclaims`, 500).then(() => null, (err: Error) => err.message)
      expect(failure).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port} did not answer within 1 s`))
    } finally {
      silent.close()
    }
  })
})
