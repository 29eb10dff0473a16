/**
 * Review anywhere (issue #37): the app installs (a manifest, a service worker controlling the page), the review goes
 * on offline from the day kept on the device (a reload offline too), and on reconnect exactly the answers given are
 * logged, once each, in order, each card's state on the server the one the browser computed; an answer the server
 * refuses (the card answered meanwhile in another session) is kept and shown.
 *
 * Offline for real: Playwright's offline mode does not cut the service worker's own requests, so the browser talks
 * to the server through a proxy of this test that refuses every connection while "offline" and counts what it
 * forwards: the server sees no request while offline.
 */
import net from 'node:net'
import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { test, expect, setNow, createUser, signInAs, query, expectNoAxeViolations, E2E_PORT, type TestUser } from './fixtures'

const MORNING = '2026-03-02T14:00:00.000Z'
const LATER = '2026-03-02T16:00:00.000Z'

/** A TCP proxy to the e2e server that can go "offline": it then closes every connection and refuses new ones. */
async function startProxy() {
  const sockets = new Set<net.Socket>()
  const state = { offline: false, forwardedWhileOffline: 0, refusedWhileOffline: 0 }
  const server = net.createServer((client) => {
    if (state.offline) {
      state.refusedWhileOffline++
      client.destroy()
      return
    }
    const upstream = net.connect(E2E_PORT, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    client.on('data', (chunk) => {
      if (state.offline) state.forwardedWhileOffline += chunk.length
      else upstream.write(chunk)
    })
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    setOffline(offline: boolean) {
      state.offline = offline
      if (offline) for (const s of sockets) s.destroy()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type DeviceState = { outbox: { id: string; cardId: string }[]; states: Record<string, unknown>[]; answersInDay: number }

/** The outbox (in its order) and the card states on the device, read from the person's IndexedDB database. */
function deviceState(page: Page, userId: string): Promise<DeviceState> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name)
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    })
    const read = <T,>(store: string, ask: (s: IDBObjectStore) => IDBRequest) =>
      new Promise<T>((resolve) => {
        const r = ask(db.transaction(store).objectStore(store))
        r.onsuccess = () => resolve(r.result as T)
      })
    const outbox = await read<{ id: string; cardId: string }[]>('outbox', (s) => s.index('seq').getAll())
    const pack = await read<{ cards: { cardId: string; state: Record<string, unknown> | null }[]; dayLog: { kind: string }[] }>('day', (s) => s.get('pack'))
    db.close()
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v)
    return {
      outbox: outbox.map((o) => ({ id: o.id, cardId: o.cardId })),
      states: pack.cards.filter((c) => c.state).map((c) => Object.fromEntries(Object.entries(c.state!).map(([k, v]) => [k, iso(v)]))),
      answersInDay: pack.dayLog.filter((e) => e.kind === 'review').length,
    }
  }, `keyclaims-offline-${userId}`)
}

/**
 * Waits until the device holds `answers` answers: in the outbox (written as each is given) and applied to the day
 * kept on the device (written after the next frame, app/review/use-offline-day.ts's savePack); returns what it holds.
 */
async function deviceHolds(page: Page, userId: string, answers: number): Promise<DeviceState> {
  let device!: DeviceState
  await expect
    .poll(async () => {
      device = await deviceState(page, userId)
      return { outbox: device.outbox.length, inDay: device.answersInDay }
    })
    .toEqual({ outbox: answers, inDay: answers })
  return device
}

const STATE_FIELDS = ['due', 'stability', 'difficulty', 'elapsedDays', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'state', 'lastReview', 'version', 'suspended', 'leech']

/** The server's states of these cards, in the device's shape (ISO dates, booleans). */
async function serverStates(userId: string, cardIds: string[]): Promise<Record<string, unknown>[]> {
  const rows = await query<Record<string, unknown>>(`SELECT * FROM "CardState" WHERE "userId" = ?`, userId)
  const iso = (v: unknown) => (v === null ? null : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as number | string | Date)).toISOString())
  return rows
    .filter((r) => cardIds.includes(r.cardId as string))
    .map((r) => ({ cardId: r.cardId, ...Object.fromEntries(STATE_FIELDS.map((f) => [f, f === 'due' || f === 'lastReview' ? iso(r[f]) : f === 'suspended' || f === 'leech' ? Boolean(r[f]) : Number(r[f])])) }))
}

const pick = (s: Record<string, unknown>) => ({ cardId: s.cardId, ...Object.fromEntries(STATE_FIELDS.map((f) => [f, f === 'suspended' || f === 'leech' ? Boolean(s[f]) : s[f]])) })
const byCard = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.cardId).localeCompare(String(b.cardId))

async function openReview(browser: Browser, user: TestUser, proxyUrl: string) {
  const context = await browser.newContext({ baseURL: proxyUrl })
  await signInAs(context, user)
  await setNow(context, MORNING)
  const page = await context.newPage()
  await page.clock.install({ time: new Date(MORNING) })
  await page.goto('/review')
  // Installable: the manifest is linked and served, and a service worker controls the page.
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = await (await page.request.get(manifestHref!)).json()
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' })
  expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable'])
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { polling: 100 })
  // Once controlled, a load keeps the page's shell; today's work is kept on the device.
  await page.reload()
  const kept = page.getByText(/cards are kept on this device for offline review/)
  await expect(kept).toBeVisible()
  console.log(`kept on the device: ${await kept.innerText()}`)
  return { context, page }
}

/** Shows the answer, then presses a rating key; waits for the count of answers. */
async function answer(page: Page, key: '1' | '2' | '3' | '4', count: number) {
  await page.getByRole('button', { name: 'Show answer' }).click()
  await page.keyboard.press(key)
  await expect(page.getByText(`${count} answered this session`)).toBeVisible()
}

async function sendOtherSession(request: APIRequestContext, user: TestUser, cardId: string) {
  const headers = { Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(MORNING)}` }
  const queue = await (await request.get('/api/queue?limit=50', { headers })).json()
  const card = (queue.cards as { cardId: string; version: number; intervals: Record<string, string>; day: number }[]).find((c) => c.cardId === cardId)
  expect(card, 'the card answered offline is still in the server’s queue').toBeTruthy()
  const res = await request.post('/api/reviews', { headers, data: { reviewId: randomUUID(), cardId, rating: 3, version: card!.version, durationMs: 1000 } })
  expect(res.status()).toBe(200)
}

test('a review goes on offline (a reload too) and every answer reaches the server once, in order, with the browser’s states', async ({ browser }) => {
  test.setTimeout(180_000)
  const user = await createUser()
  const proxy = await startProxy()
  const { context, page } = await openReview(browser, user, proxy.url)
  const prompt = page.getByRole('heading', { level: 2 }).first()

  proxy.setOffline(true)
  await context.setOffline(true)
  await expect(page.getByRole('status').filter({ hasText: 'Offline — no answers waiting' })).toBeVisible()

  const first = await prompt.innerText()
  await answer(page, '1', 1) // Again: a 1-minute learning step
  await answer(page, '3', 2)
  await answer(page, '2', 3)
  await answer(page, '4', 4)
  const fifth = await prompt.innerText()
  await answer(page, '3', 5)
  await expect(page.getByRole('status').filter({ hasText: 'Offline — 5 answers waiting' })).toBeVisible()
  await expectNoAxeViolations(page)
  // Undo takes back the answer still waiting: the card shows again.
  await page.keyboard.press('z')
  await expect(page.getByText('4 answered this session')).toBeVisible()
  await expect(prompt).toHaveText(fifth)
  await answer(page, '4', 5)
  await answer(page, '3', 6)
  await answer(page, '1', 7)
  await answer(page, '3', 8)
  // A minute later the first card's step is over: it comes back after the card on screen, and Again on its step.
  await page.clock.fastForward(70_000)
  await answer(page, '3', 9)
  await expect(prompt).toHaveText(first)
  await answer(page, '1', 10)

  // A reload offline opens the review screen from the kept shell and goes on from the device: first, the ten answers
  // are on the device (this tells a write not yet done from a reload's fault).
  await deviceHolds(page, user.id, 10)
  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: 'Offline — 10 answers waiting' })).toBeVisible()
  for (let n = 11; n <= 20; n++) {
    await page.getByRole('button', { name: 'Show answer' }).click()
    await page.keyboard.press((['3', '2', '4', '1'] as const)[n % 4]!)
    await expect(page.getByRole('status').filter({ hasText: `Offline — ${n} answers waiting` })).toBeVisible()
  }
  const device = await deviceHolds(page, user.id, 20)
  expect(await query('SELECT "id" FROM "ReviewLog" WHERE "userId" = ?', user.id)).toHaveLength(0)
  expect(proxy.state.forwardedWhileOffline).toBe(0)
  // The service worker did try (the reload): the proxy, not the browser's offline mode, kept it from the server.
  expect(proxy.state.refusedWhileOffline).toBeGreaterThan(0)

  // Back online (two hours later on the server's clock): the answers go in order, once each.
  await setNow(context, LATER)
  proxy.setOffline(false)
  await context.setOffline(false)
  await expect(page.getByText('All answers saved')).toBeVisible({ timeout: 30_000 })
  const logged = await query<{ id: string }>('SELECT "id" FROM "ReviewLog" WHERE "userId" = ? AND "kind" = ? ORDER BY "sequence"', user.id, 'review')
  expect(logged.map((l) => l.id)).toEqual(device.outbox.map((o) => o.id))
  const answered = [...new Set(device.outbox.map((o) => o.cardId))]
  const inBrowser = device.states.filter((s) => answered.includes(s.cardId as string)).map(pick).sort(byCard)
  expect(inBrowser).toHaveLength(answered.length)
  expect((await serverStates(user.id, answered)).sort(byCard)).toEqual(inBrowser)
  await context.close()
  await proxy.close()
})

test('an answer from offline to a card answered meanwhile in another session is refused, kept and shown', async ({ browser, request }) => {
  test.setTimeout(120_000)
  const user = await createUser()
  const proxy = await startProxy()
  const { context, page } = await openReview(browser, user, proxy.url)

  proxy.setOffline(true)
  await context.setOffline(true)
  for (let n = 1; n <= 5; n++) await answer(page, n === 1 ? '1' : '3', n)
  const device = await deviceHolds(page, user.id, 5)
  // The second answer's card is answered meanwhile on another device.
  const taken = device.outbox[1]!.cardId
  await sendOtherSession(request, user, taken)

  await setNow(context, LATER)
  proxy.setOffline(false)
  await context.setOffline(false)
  const refused = page.getByRole('alert').filter({ hasText: '1 answer from offline could not be saved' })
  await expect(refused).toBeVisible({ timeout: 30_000 })
  await expect(refused).toContainText('answered or changed meanwhile')
  await expect(page.getByText('All answers saved')).toBeVisible({ timeout: 30_000 })
  const logged = await query<{ id: string; cardId: string }>('SELECT "id", "cardId" FROM "ReviewLog" WHERE "userId" = ? AND "kind" = ? ORDER BY "sequence"', user.id, 'review')
  // The other session's answer, and the four others from offline, in order; the refused one never.
  expect(logged.filter((l) => l.cardId !== taken).map((l) => l.id)).toEqual(device.outbox.filter((o) => o.cardId !== taken).map((o) => o.id))
  expect(logged.filter((l) => l.cardId === taken)).toHaveLength(1)
  expect(logged.map((l) => l.id)).not.toContain(device.outbox[1]!.id)
  // Still shown after a reload, until dismissed.
  await page.reload()
  await expect(page.getByRole('alert').filter({ hasText: '1 answer from offline could not be saved' })).toBeVisible()
  // On a 390-px phone, with the refusals shown: nothing for axe to find.
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByText('could not be saved')).toHaveCount(0)

  // Signing out deletes the offline day, the outbox and the kept page of this person.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()
  const kept = () => page.evaluate(async () => ({ databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('keyclaims-offline-')), reviewPage: await caches.has('keyclaims-review-shell') }))
  await expect.poll(kept).toEqual({ databases: [], reviewPage: false })
  await context.close()
  await proxy.close()
})
