/**
 * Moving a whole account (issue #36), through the production servers: a person's history on the SQLite server,
 * downloaded from the account page (gzip), restored from the account page into a fresh account on the PostgreSQL
 * server (another database), whose export is then the first one field for field but for the export time and the
 * account; the same file again is "already restored"; and bad files — an unknown version, cut short, over the size
 * limit, naming cards this server lacks, ids that exist, a rating of 7 — each refused with nothing written.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, createUser, countRows, expectNoAxeViolations, signInAs, type TestUser } from './fixtures'
import { E2E_PG_BASE_URL } from './env'
import { RESTORE_UPLOAD_MAX_BYTES } from '../lib/core/request-limits'

// In order, in one worker: a server runs one restore at a time (a second meanwhile answers 429, docs/api.md).
test.describe.configure({ mode: 'default' })

const NOW = '2026-03-02T14:00:00.000Z'
const LATER = '2026-03-03T15:00:00.000Z'
const cookie = (user: TestUser, now = NOW) => ({ Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(now)}` })

/** A few answers (one undone), and a suspended card: a history with every kind of mark. */
async function makeHistory(request: APIRequestContext, user: TestUser) {
  const queue = await request.get('/api/queue?limit=6', { headers: cookie(user) })
  const cards = (await queue.json()).cards as { cardId: string; version: number }[]
  for (const [i, card] of cards.slice(0, 5).entries()) {
    const graded = await request.post('/api/reviews', { headers: cookie(user), data: { reviewId: randomUUID(), cardId: card.cardId, rating: (i % 4) + 1, version: card.version, durationMs: 3000 + i } })
    expect(graded.status()).toBe(200)
  }
  expect((await request.post('/api/study-ops', { headers: cookie(user), data: { op: 'undo' } })).status()).toBe(200)
  const last = cards[5]!
  expect((await request.post('/api/study-ops', { headers: cookie(user, LATER), data: { op: 'suspend', id: randomUUID(), cardId: last.cardId, version: last.version } })).status()).toBe(200)
}

type Exported = { exportedAt: string; user: { id: string; email: string; name: string }; reviewLogs: { id: string; undone: boolean; kind: string }[] } & Record<string, unknown>

/** An export without what differs between two accounts: the export time, and the account (id, email, name). */
const comparable = ({ exportedAt: _at, user: _user, ...rest }: Exported) => rest

/** The restore route as the page calls it. */
const restore = (request: APIRequestContext, user: TestUser, body: Buffer | string, { preview = false, base = '' } = {}) =>
  request.post(`${base}/api/account/restore${preview ? '?preview=1' : ''}`, { headers: { ...cookie(user), 'Content-Type': 'application/octet-stream' }, data: typeof body === 'string' ? Buffer.from(body) : body })

const progressRows = async (userId: string) =>
  (await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ?', userId)) +
  (await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', userId)) +
  (await countRows('SELECT COUNT(*) FROM "Talk" WHERE "userId" = ?', userId)) +
  (await countRows('SELECT COUNT(*) FROM "Quiz" WHERE "userId" = ?', userId))

async function chooseFile(page: Page, name: string, content: Buffer) {
  await page.getByLabel('Export file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: content })
  await page.getByRole('button', { name: 'Check the file' }).click()
}

test('a person moves their account to another server from the account page: the export there is the export here', async ({ page, request, user, browser }) => {
  test.setTimeout(300_000)
  await makeHistory(request, user)
  await page.goto('/account')
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'download it compressed (.json.gz)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^keyclaims-\d{4}-\d{2}-\d{2}\.json\.gz$/)
  const gz = readFileSync((await download.path())!)
  const before = JSON.parse(gunzipSync(gz).toString('utf8')) as Exported
  expect(before).toMatchObject({ format: 'keyclaims-export', version: 2 })
  expect(before.reviewLogs.some((l) => l.undone)).toBe(true)
  expect(before.reviewLogs.map((l) => l.kind)).toContain('suspend')

  // The other server (PostgreSQL, a database of its own): a fresh account, signed in in a browser of its own.
  const created = await fetch(`${E2E_PG_BASE_URL}/api/test/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
  const mover = (await created.json()) as TestUser
  const context = await browser.newContext({ baseURL: E2E_PG_BASE_URL })
  await signInAs(context, mover)
  const there = await context.newPage()
  await there.goto('/account')
  await chooseFile(there, 'keyclaims.json.gz', gz)
  const preview = there.getByRole('heading', { name: 'What this file holds' })
  await expect(preview).toBeVisible()
  await expect(there.getByText(`${before.reviewLogs.length} log entries`)).toBeVisible()
  await expect(there.getByText(`${(before.cardStates as unknown[]).length} card states`)).toBeVisible()
  await expectNoAxeViolations(there)
  await there.getByRole('button', { name: 'Restore into this account' }).click()
  await expect(there.getByRole('heading', { name: 'Restored: your progress is in this account.' })).toBeVisible()
  await expect(there.getByRole('heading', { name: 'Restored: your progress is in this account.' }).locator('..')).toBeFocused()

  const after = (await (await context.request.get('/api/export', { headers: cookie(mover) })).json()) as Exported
  expect(after.user).toMatchObject({ id: mover.id, email: mover.email })
  expect(comparable(after)).toEqual(comparable(before))

  // The same file again: already restored, nothing written (the export is unchanged).
  const again = await restore(context.request, mover, gz)
  expect(again.status()).toBe(200)
  expect(await again.json()).toMatchObject({ outcome: 'already-restored' })
  expect(comparable((await (await context.request.get('/api/export', { headers: cookie(mover) })).json()) as Exported)).toEqual(comparable(before))
  await context.close()
})

test('bad files are each refused, saying why and where, with nothing written', async ({ page, request, user }) => {
  test.setTimeout(300_000)
  // A history on this server, and its export (JSON): the good file every bad one is made from.
  const owner = await createUser()
  await makeHistory(request, owner)
  const text = await (await request.get('/api/export', { headers: cookie(owner) })).text()
  const file = JSON.parse(text) as Exported & { cardStates: { cardId: string }[]; reviewLogs: Record<string, unknown>[] }
  const withoutIds = { ...file, reviewLogs: file.reviewLogs.map((l) => ({ ...l, id: randomUUID() })) }

  const refusals: [string, Buffer | string, number, Record<string, unknown>][] = [
    ['an unknown version', JSON.stringify({ ...withoutIds, version: 3 }), 422, { code: 'INVALID_FILE', problems: [{ code: 'unknown-version', where: 'version' }] }],
    ['a file cut short', text.slice(0, Math.floor(text.length / 2)), 422, { problems: [{ code: 'truncated' }] }],
    ['a gzip cut short', gzipSync(text).subarray(0, 200), 422, { problems: [{ code: 'truncated' }] }],
    ['cards this server lacks', JSON.stringify({ ...withoutIds, cardStates: [{ ...file.cardStates[0], cardId: 'no-such-deck/c1' }, ...file.cardStates.slice(1)] }), 422, { code: 'UNKNOWN_CARD', problems: [{ where: 'cardStates[0].cardId' }] }],
    ['ids that exist', text, 409, { code: 'IDS_EXIST', where: 'reviewLogs[0].id' }],
    ['a rating of 7', JSON.stringify({ ...withoutIds, reviewLogs: withoutIds.reviewLogs.map((l, i) => (i === 1 ? { ...l, rating: 7 } : l)) }), 422, { problems: [{ code: 'invalid', where: 'reviewLogs[1].rating' }] }],
  ]
  for (const [what, body, status, answer] of refusals) {
    for (const preview of [true, false]) {
      const res = await restore(request, user, body, { preview })
      expect(res.status(), what).toBe(status)
      expect(await res.json(), what).toMatchObject(answer)
    }
  }
  // "Ids that exist" does not say whose.
  expect(await (await restore(request, user, text)).text()).not.toContain(owner.email)

  // Over the size limit: refused from its declared length, before it is read.
  const tooLarge = await restore(request, user, Buffer.alloc(RESTORE_UPLOAD_MAX_BYTES + 1, 0x20))
  expect(tooLarge.status()).toBe(413)
  expect(await progressRows(user.id)).toBe(0)

  // Into an account with progress: refused, and it says why; the good file (fresh ids) is then restored (positive control).
  const hasProgress = await restore(request, owner, JSON.stringify(withoutIds))
  expect(hasProgress.status()).toBe(409)
  expect(await hasProgress.json()).toMatchObject({ code: 'HAS_PROGRESS' })
  // A megabyte of trailing blanks: a body well over the 64 KiB every other route is held to still reaches this one.
  const good = await restore(request, user, JSON.stringify(withoutIds) + ' '.repeat(1024 * 1024))
  expect(good.status()).toBe(200)
  expect(await progressRows(user.id)).toBeGreaterThan(0)

  // On the page: a refusal is announced (an alert that takes the focus), with where, and the page passes axe.
  const fresh = await createUser()
  await page.context().clearCookies()
  await signInAs(page.context(), fresh)
  await page.goto('/account')
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Choose a file first.' })).toBeVisible()
  await expect(page.getByLabel('Export file')).toBeFocused()
  await chooseFile(page, 'keyclaims.json', Buffer.from(JSON.stringify({ ...withoutIds, reviewLogs: withoutIds.reviewLogs.map((l, i) => (i === 1 ? { ...l, rating: 7 } : l)) })))
  const alert = page.getByRole('alert').filter({ hasText: 'Some entries of this file are not valid' })
  await expect(alert).toBeVisible()
  await expect(alert).toBeFocused()
  await expect(alert.getByText('reviewLogs[1].rating')).toBeVisible()
  await expect(alert.getByText('Nothing was written.')).toBeVisible()
  await expectNoAxeViolations(page)
  await alert.getByRole('button', { name: 'Choose another file' }).click()
  await expect(page.getByLabel('Export file')).toBeFocused()
  expect(await progressRows(fresh.id)).toBe(0)
})
