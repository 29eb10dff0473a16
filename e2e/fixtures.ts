/**
 * Each test gets its own fresh user, made by the app's own sign-up on the server under test (POST /api/test/users,
 * which only a server with the test clock answers), whichever database that server runs on.
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { countRows, query, engine } from './db'
import { E2E_PORT } from './env'

export type TestUser = { id: string; name: string; email: string; password: string; cookie: string }
export type TestUserOptions = { timeZone?: string; displayLanguage?: 'en' | 'zh' | 'both'; interfaceLanguage?: 'en' | 'zh'; newPerDay?: number; maxReviewsPerDay?: number; burySiblings?: boolean; leechThreshold?: number }

/** The server this test drives (its Playwright project's baseURL). */
export function baseURL(): string {
  return base.info().project.use.baseURL!
}

export async function createUser(options: TestUserOptions = {}): Promise<TestUser> {
  const res = await fetch(`${baseURL()}/api/test/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(options) })
  if (!res.ok) throw new Error(`creating a test user: ${res.status} ${await res.text()}`)
  return (await res.json()) as TestUser
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

export async function expectNoAxeViolations(page: Page) {
  // After a client navigation (a server action's redirect, a refresh) the page can be without a <title> for a moment
  // while Next puts the page's own in place: axe run then finds none (seen in CI on a talk just created, once right
  // after a title had been seen). So axe runs once the page has a title, and once more if it found none; a page that
  // never gets one still fails, by name.
  await expect(page, 'the page has a title').toHaveTitle(/\S/)
  let results = await new AxeBuilder({ page }).analyze()
  if (results.violations.some((v) => v.id === 'document-title')) {
    await expect(page, 'the page has a title').toHaveTitle(/\S/)
    results = await new AxeBuilder({ page }).analyze()
  }
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/**
 * Records every moment the review screen's finish line appears, with the progress bar's words then ("gone" when it
 * goes): a finish line that flashes before a card shown early is caught, however short. From the next page load on.
 */
export async function watchFinishLine(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { finishSeen: string[] }).finishSeen = seen
    new MutationObserver(() => {
      const shown = document.getElementById('done-heading') !== null
      const last = seen.at(-1)
      if (shown && (last === undefined || last === 'gone')) seen.push(document.querySelector('.today-progress span')?.textContent ?? '')
      if (!shown && last !== undefined && last !== 'gone') seen.push('gone')
    }).observe(document, { childList: true, subtree: true })
  })
}

/** What watchFinishLine recorded on this page. */
export const finishLineSeen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { finishSeen: string[] }).finishSeen)

export const test = base.extend<{ user: TestUser }>({
  user: async ({ context }, use) => {
    const user = await createUser()
    await signInAs(context, user)
    await use(user)
  },
})

export { expect, E2E_PORT, countRows, query, engine }
