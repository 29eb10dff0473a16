/**
 * `npm run reset-password`: the administrator's reset, through better-auth's own hashing, against a real database.
 * lib/server/auth uses the process's one database (lib/db/prisma), made from DATABASE_URL when first imported, so
 * that is set before any import and the fresh database is copied there before anything opens it.
 */
import { copyFileSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freshDatabase, type TestDb } from './helpers'

const dbFile = vi.hoisted(() => {
  // Before the imports, so no module of ours is at hand: a name of this process's own in the temporary folder.
  const file = `${process.env.TMPDIR ?? '/tmp'}/kc-reset-password-${process.pid}-${Date.now()}.db`
  process.env.DATABASE_URL = `file:${file}`
  process.env.BETTER_AUTH_SECRET = 'a-secret-for-this-test-0123456789abcdef'
  return file
})

let tdb: TestDb
let auth: typeof import('../lib/server/auth').auth
let prisma: typeof import('../lib/db/prisma').prisma
let resetPassword: typeof import('../lib/server/reset-password').resetPassword

const person = { name: 'Ana', email: 'ana@example.test', password: 'the old passphrase 1' }
const headers = () => new Headers({ host: '127.0.0.1:3000', 'x-forwarded-for': '203.0.113.7' })

async function signIn(email: string, password: string): Promise<number> {
  try {
    return (await auth.api.signInEmail({ body: { email, password }, headers: headers(), asResponse: true })).status
  } catch (err) {
    return (err as { statusCode?: number }).statusCode ?? 500 // the limits' refusal is thrown, not answered
  }
}

beforeAll(async () => {
  tdb = await freshDatabase('sqlite')
  copyFileSync(tdb.url.slice('file:'.length), dbFile)
  ;({ auth } = await import('../lib/server/auth'))
  ;({ resetPassword } = await import('../lib/server/reset-password'))
  ;({ prisma } = await import('../lib/db/prisma'))
  await auth.api.signUpEmail({ body: person, headers: headers() })
})

afterAll(async () => {
  await (await import('../lib/db/prisma')).db.close()
  await tdb.close()
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true })
})

describe('resetPassword', () => {
  it('sets a password the person then signs in with, and signs them out everywhere', async () => {
    expect(await signIn(person.email, person.password)).toBe(200)
    const sessionsBefore = await prisma.session.count({ where: { user: { email: person.email } } })
    expect(sessionsBefore).toBeGreaterThanOrEqual(2) // the sign-up's and the sign-in's

    const outcome = await resetPassword('  Ana@Example.test ', 'a brand new passphrase')
    expect(outcome).toEqual({ ok: true, email: person.email, sessionsEnded: sessionsBefore })
    expect(await prisma.session.count({ where: { user: { email: person.email } } })).toBe(0)
    expect(await signIn(person.email, person.password)).toBe(401)
    expect(await signIn(person.email, 'a brand new passphrase')).toBe(200)
    // better-auth's own format (scrypt "salt:key"), so its sign-in and change-password verify it.
    const account = await prisma.account.findFirstOrThrow({ where: { user: { email: person.email } } })
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/)
  })

  it('forgets the failed guesses against the email, so the new password is not kept waiting', async () => {
    // After 5 failures each try waits: guess until the wait begins.
    let status = 401
    for (let i = 0; status === 401 && i < 10; i++) status = await signIn(person.email, `wrong guess ${i}`)
    expect(status).toBe(429)
    expect(await signIn(person.email, 'a brand new passphrase')).toBe(429)
    expect((await resetPassword(person.email, 'another fresh passphrase')).ok).toBe(true)
    expect(await signIn(person.email, 'another fresh passphrase')).toBe(200)
  })

  it('refuses what a sign-up would refuse, and an unknown email, writing nothing', async () => {
    const before = await prisma.account.findFirstOrThrow({ where: { user: { email: person.email } } })
    expect(await resetPassword(person.email, 'short')).toEqual({ ok: false, field: 'password', message: 'At least 8 characters' })
    expect(await resetPassword(person.email, 'password123')).toMatchObject({ ok: false, field: 'password', message: expect.stringContaining('common passwords') })
    expect(await resetPassword('not an email', 'a long enough passphrase')).toEqual({ ok: false, field: 'email', message: 'Enter an email like name@example.com' })
    expect(await resetPassword('nobody@example.test', 'a long enough passphrase')).toEqual({ ok: false, field: 'email', message: 'No account has the email nobody@example.test.' })
    const after = await prisma.account.findFirstOrThrow({ where: { user: { email: person.email } } })
    expect(after.password).toBe(before.password)
    expect(await signIn(person.email, 'another fresh passphrase')).toBe(200)
  })
})
