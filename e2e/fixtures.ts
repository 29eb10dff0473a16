/**
 * Each test gets its own fresh user, created directly in the e2e database with a signed session cookie
 * (better-auth rate-limits sign-ups in production; only one test goes through the real form).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { E2E_DB_PATH, E2E_PORT, E2E_SECRET } from './env'

export type TestUser = { id: string; name: string; email: string; password: string; cookie: string }

function db() {
  const sqlite = new Database(E2E_DB_PATH)
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}

/** better-auth's signed cookie: "<token>.<base64 HMAC-SHA256 of the token>", URL-encoded. */
function signedCookieValue(token: string): string {
  const signature = createHmac('sha256', E2E_SECRET).update(token).digest('base64')
  return encodeURIComponent(`${token}.${signature}`)
}

export async function createUser(options: { timeZone?: string; displayLanguage?: string; newPerDay?: number } = {}): Promise<TestUser> {
  const { hashPassword } = await import('better-auth/crypto')
  const id = randomUUID()
  const email = `user-${id.slice(0, 8)}@example.test`
  const password = `pw-${randomBytes(6).toString('hex')}`
  const name = `Tester ${id.slice(0, 4)}`
  const token = randomBytes(24).toString('base64url')
  const now = Date.now()
  const sqlite = db()
  try {
    sqlite.transaction(() => {
      sqlite.prepare('INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?)').run(id, name, email, now, now)
      sqlite.prepare('INSERT INTO "account" (id, accountId, providerId, userId, password, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)').run(randomUUID(), id, 'credential', id, null, now, now)
      sqlite.prepare('INSERT INTO "session" (id, expiresAt, token, createdAt, updatedAt, userId) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), now + 30 * 86_400_000, token, now, now, id)
      sqlite
        .prepare('INSERT INTO "UserSettings" (userId, timeZone, rolloverHour, displayLanguage, newPerDay, updatedAt) VALUES (?, ?, 4, ?, ?, ?)')
        .run(id, options.timeZone ?? 'America/New_York', options.displayLanguage ?? 'en', options.newPerDay ?? 20, now)
    })()
    const hash = await hashPassword(password)
    sqlite.prepare('UPDATE "account" SET password = ? WHERE userId = ?').run(hash, id)
  } finally {
    sqlite.close()
  }
  return { id, name, email, password, cookie: signedCookieValue(token) }
}

export async function signInAs(context: BrowserContext, user: TestUser) {
  await context.addCookies([
    { name: 'better-auth.session_token', value: user.cookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' },
  ])
}

/** Fixes the server's "now" for this browser context (the server honours it only with KEYCLAIMS_TEST_CLOCK=1). */
export async function setNow(context: BrowserContext, iso: string) {
  await context.addCookies([{ name: 'kc-test-now', value: encodeURIComponent(iso), domain: '127.0.0.1', path: '/' }])
}

export function countRows(sql: string, ...params: unknown[]): number {
  const sqlite = db()
  try {
    return Number((sqlite.prepare(sql).pluck().get(...params) as number | bigint) ?? 0)
  } finally {
    sqlite.close()
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

export const test = base.extend<{ user: TestUser }>({
  user: async ({ context }, use) => {
    const user = await createUser()
    await signInAs(context, user)
    await use(user)
  },
})

export { expect, E2E_PORT }
