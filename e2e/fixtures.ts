/**
 * Each test gets its own fresh user, created directly in the e2e database with a signed session cookie
 * (sign-ups count against the per-address limit on password checks; only one test signs up through the real form).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { insertUser, type DirectUser, type DirectUserOptions } from './users'
import { E2E_DB_PATH, E2E_PORT, E2E_SECRET } from './env'

export type TestUser = DirectUser

function db() {
  const sqlite = new Database(E2E_DB_PATH)
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}

export function createUser(options: DirectUserOptions = {}): Promise<TestUser> {
  return insertUser(E2E_DB_PATH, E2E_SECRET, options)
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
