/**
 * Settings → FSRS parameters (issue #35), in the real build: Optimize fits a person's own answers in a worker and
 * says what it kept and why, in English and in Chinese; a person with too few answers is told how many more are needed.
 */
import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, createUser, signInAs, setNow, expectNoAxeViolations, type TestUser } from './fixtures'

const DAY_MS = 86_400_000
const START_MS = Date.parse('2026-03-02T14:00:00.000Z') // 09:00 in New York

type State = { version: number; due: string }

/** One answer through the grading API at `atMs` (the test clock); the card's state after it. */
async function answer(request: APIRequestContext, user: TestUser, cardId: string, version: number, rating: number, atMs: number): Promise<State> {
  const res = await request.post('/api/reviews', {
    headers: { Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(new Date(atMs).toISOString())}` },
    data: { reviewId: randomUUID(), cardId, rating, version, durationMs: 4000 },
  })
  expect(res.status(), await res.text()).toBe(200)
  return ((await res.json()) as { state: State }).state
}

/** The first `n` cards of the person's queue on the first morning. */
async function firstCards(request: APIRequestContext, user: TestUser, n: number): Promise<string[]> {
  const res = await request.get(`/api/queue?limit=${n}`, { headers: { Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(new Date(START_MS).toISOString())}` } })
  expect(res.status()).toBe(200)
  return ((await res.json()) as { cards: { cardId: string }[] }).cards.map((c) => c.cardId)
}

/**
 * A history, in time order: each card answered new (Good, then Good at its 10-minute step) on the first morning, then
 * reviewed in `rounds` rounds days apart (Again, then Good at its step, every third time): `cards × rounds` answers to
 * cards studied on an earlier day.
 */
async function history(request: APIRequestContext, user: TestUser, cards: string[], rounds: number[]): Promise<number> {
  const states = new Map<string, State>()
  let at = START_MS
  const answerAt = async (cardId: string, rating: number, atMs: number) => {
    states.set(cardId, await answer(request, user, cardId, states.get(cardId)?.version ?? 0, rating, atMs))
    at = atMs
  }
  for (const [round, days] of [0, ...rounds].entries()) {
    const roundMs = START_MS + days * DAY_MS
    for (const [i, cardId] of cards.entries()) {
      // Each card 15 minutes after the one before, its 10-minute step in between: the log stays in time order.
      const cardMs = roundMs + i * 15 * 60_000
      const again = round > 0 && (i + round) % 3 === 0
      await answerAt(cardId, round === 0 || !again ? 3 : 1, cardMs)
      if (round === 0 || again) await answerAt(cardId, 3, Date.parse(states.get(cardId)!.due))
    }
  }
  return at
}

async function openSettings(page: Page, user: TestUser, nowMs: number) {
  await signInAs(page.context(), user)
  await setNow(page.context(), new Date(nowMs + DAY_MS).toISOString())
  await page.goto('/settings')
}

test('a person with 10 answers sees how many more answers Optimize needs, and nothing is fitted', async ({ page, request }) => {
  const user = await createUser()
  const cards = await firstCards(request, user, 3)
  // Three new cards, each Good then Good at its step (6 answers, all on the first day), then 4 later reviews.
  const states = new Map<string, State>()
  for (const [i, cardId] of cards.entries()) {
    const first = await answer(request, user, cardId, 0, 3, START_MS + i * 60_000)
    states.set(cardId, await answer(request, user, cardId, first.version, 3, Date.parse(first.due)))
  }
  let lastMs = START_MS
  for (const [cardId, days] of [[cards[0]!, 3], [cards[1]!, 3], [cards[2]!, 4], [cards[0]!, 12]] as const) {
    const state = states.get(cardId)!
    lastMs = Math.max(Date.parse(state.due), START_MS + days * DAY_MS)
    states.set(cardId, await answer(request, user, cardId, state.version, 3, lastMs))
  }
  await openSettings(page, user, lastMs)
  const section = page.getByRole('region', { name: 'FSRS parameters' })
  await expect(section.getByText('In use: FSRS-6\'s default parameters.')).toBeVisible()
  const needed = '4 answers count so far: only answers to cards studied on an earlier day do. Optimizing needs 4 more.'
  await expect(section.getByText(needed)).toBeVisible()
  await section.getByRole('button', { name: 'Optimize' }).click()
  await expect(section.getByRole('status')).toHaveText(needed)
  await expect(section.getByRole('button', { name: 'Reset to defaults' })).toBeDisabled()
  await expectNoAxeViolations(page)
})

for (const language of ['en', 'zh'] as const) {
  test(`Optimize fits the person's answers and says what it kept (${language})`, async ({ page, request }) => {
    test.slow() // a worker thread starts and fsrs-rs fits, on a machine shared with other work
    const user = await createUser({ interfaceLanguage: language })
    const lastMs = await history(request, user, await firstCards(request, user, 12), [3, 9, 24, 50])
    await openSettings(page, user, lastMs)
    const words = language === 'en'
      ? { region: 'FSRS parameters', optimize: 'Optimize', outcome: /New parameters kept|Your parameters stay/, kept: 'New parameters kept', restore: 'Restore previous parameters', restored: /Previous parameters restored/, enough: /count for optimizing|enough to fit the first stabilities/ }
      : { region: 'FSRS 参数', optimize: '优化', outcome: /已采用新参数|保留当前参数/, kept: '已采用新参数', restore: '恢复之前的参数', restored: /已恢复之前的参数/, enough: /可用于优化|只够拟合初始稳定性/ }
    const section = page.getByRole('region', { name: words.region })
    await expect(section.getByText(words.enough)).toBeVisible()
    // Keyboard only: focus the button and press Enter.
    await section.getByRole('button', { name: words.optimize, exact: true }).focus()
    await page.keyboard.press('Enter')
    const status = section.getByRole('status')
    await expect(status).toHaveText(words.outcome, { timeout: 60_000 })
    // Both figures, before and after, are said: log loss and RMSE, four decimals each.
    await expect(status).toHaveText(/\d\.\d{4}.*\d\.\d{4}.*\d\.\d{4}.*\d\.\d{4}/)
    await expectNoAxeViolations(page)
    if ((await status.textContent())!.startsWith(words.kept)) {
      await section.getByRole('button', { name: words.restore }).click()
      await expect(status).toHaveText(words.restored)
      await expect(section.getByRole('button', { name: words.restore })).toHaveCount(0)
    }
  })
}
