/**
 * The daily queue in the browser, with the test clock (issue #14): the day's limit of new cards holds exactly, a
 * finished day gives way to the next one at the rollover, a card shown before the rollover and answered after it
 * gets that day's buttons, and a grade retried late is logged at its answer time.
 */
import { test, expect, setNow, countRows, createUser, signInAs, query, watchFinishLine, finishLineSeen } from './fixtures'

// New York (EST): Monday 2 March 2026, 09:00 local; the study day turns at 04:00 local (09:00 UTC).
const MORNING = '2026-03-02T14:00:00.000Z'
const DAY_MS = 86_400_000
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

/** Answers every card shown with `key` (after Space) until the day's screen says nothing more is due. */
async function answerAll(page: import('@playwright/test').Page, key: string, max = 40): Promise<number> {
  const done = page.getByRole('heading', { name: 'Nothing more is due now' })
  let answered = 0
  for (; answered < max; answered++) {
    const show = page.getByRole('button', { name: 'Show answer' })
    await expect(show.or(done)).toBeVisible()
    if (await done.isVisible()) break
    // Each answer saved before the next reveal: on PostgreSQL a Space pressed while the last grade's reply was swapping
    // the cards was lost now and then (a race left open, see the closing note of 2026-12-01).
    await expect(page.getByText(/^Saving \d+…$/)).toHaveCount(0)
    await page.keyboard.press('Space')
    await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible()
    await page.keyboard.press(key)
  }
  await expect(page.getByText('All answers saved')).toBeVisible()
  return answered
}

test('with the limit at 5 and Easy grades, exactly 5 new cards are introduced; a reload and a second tab grant none', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 5 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/review')
  const second = await context.newPage() // a second tab, opened with the same five new cards
  await second.goto('/review')
  expect(await answerAll(page, '4')).toBe(5)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Nothing more is due now' })).toBeVisible()
  // The second tab still shows a card answered in the first: its answer is refused, said so, and nothing more comes.
  await second.keyboard.press('Space')
  await second.keyboard.press('4')
  await expect(second.getByRole('alert').filter({ hasText: 'An answer was not saved' })).toBeVisible()
  await second.reload()
  await expect(second.getByRole('heading', { name: 'Nothing more is due now' })).toBeVisible()
  const introduced = await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "state" = 0', user.id)
  console.log(`new cards introduced with the limit at 5 (Easy grades, a reload, a second tab): ${introduced}`)
  expect(introduced).toBe(5)
})

test('day one on the default settings, answered Good to the end: 20 new cards, then 0 left on the finish line, the home page and the queue', async ({ page, context }) => {
  const user = await createUser() // the defaults: 20 new cards a day, steps 1m 10m, siblings buried
  await signInAs(context, user)
  await setNow(context, MORNING)
  test.slow() // 40 answers, each saved before the next, under the other worker's load
  // The finish line must appear once, at the end: after the last new card the learning cards come early, without
  // the finish line showing first.
  await watchFinishLine(page)
  await page.goto('/review')
  await expect(page.getByText('Today: 0 done · 20 left')).toBeVisible()
  // Each new card twice: Good to its second step, then Good again (early, once nothing else is left) to a review.
  const answered = await answerAll(page, '3', 60)
  const introduced = await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "state" = 0', user.id)
  console.log(`day one on the defaults, Good to the end: ${answered} answers, ${introduced} new cards`)
  expect({ answered, introduced }).toEqual({ answered: 40, introduced: 20 })
  await expect(page.getByText('Today: 40 done · 0 left')).toBeVisible()
  expect(await finishLineSeen(page)).toEqual(['Today: 40 done · 0 left'])

  // The queue agrees: nothing more today, and nothing counted.
  const queue = await (await page.request.get('/api/queue?limit=100')).json()
  expect(queue.cards).toEqual([])
  expect(queue.counts).toMatchObject({ new: 0, learning: 0, review: 0, heldBack: 0 })
  await page.goto('/')
  const today = page.getByRole('region', { name: 'Today’s reviews' })
  await expect(today.getByRole('listitem')).toHaveText(['0 new', '0 learning', '0 to review'])
  await expect(today.getByRole('link', { name: 'Start review' })).toHaveCount(0)
  await expect(today.getByText('Nothing is due now.')).toBeVisible()
})

test('finishing a day, then crossing the rollover, shows the next day\'s queue', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 2 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/review')
  expect(await answerAll(page, '4')).toBe(2)
  await expect(page.getByRole('heading', { name: 'Study more today' })).toBeVisible()
  // 03:59 the next morning is still the same study day; 04:01 is the next.
  await setNow(context, '2026-03-03T08:59:00.000Z')
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Nothing more is due now' })).toBeVisible()
  await setNow(context, '2026-03-03T09:01:00.000Z')
  await page.reload()
  await expect(page.locator('article[data-day]')).toHaveAttribute('data-day', String(dayOf('2026-03-03')))
  expect(await answerAll(page, '4')).toBe(2)
  const days = await query<{ studyDay: number }>('SELECT "studyDay" FROM "ReviewLog" WHERE "userId" = ? ORDER BY "studyDay"', user.id)
  expect(days.map((d) => Number(d.studyDay))).toEqual([dayOf('2026-03-02'), dayOf('2026-03-02'), dayOf('2026-03-03'), dayOf('2026-03-03')])
})

test('"Study more today" offers more new cards on the empty screen', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 1 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/review')
  expect(await answerAll(page, '4')).toBe(1)
  await page.getByLabel('How many').fill('0x10')
  await page.getByRole('button', { name: 'More new cards' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a whole number from 1 to 100' })).toBeVisible()
  await page.getByLabel('How many').fill('2')
  await page.getByRole('button', { name: 'More new cards' }).click()
  await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible()
  expect(await answerAll(page, '4')).toBe(2)
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "state" = 0', user.id)).toBe(3)
})

test('a card shown at 3:59 and answered at 4:01 gets fresh buttons before it can be graded', async ({ page, context, user }) => {
  await page.clock.install({ time: new Date('2026-03-03T08:59:00.000Z') }) // 03:59 in New York
  await setNow(context, '2026-03-03T08:59:00.000Z')
  await page.goto('/review')
  const card = page.locator('article[data-day]')
  await expect(card).toHaveAttribute('data-day', String(dayOf('2026-03-02')))
  await page.keyboard.press('Space')
  // Two minutes pass with the answer on screen: at 04:00 the screen fetches the new day's buttons.
  await setNow(context, '2026-03-03T09:01:00.000Z')
  await page.clock.fastForward('02:00')
  await expect(card).toHaveAttribute('data-day', String(dayOf('2026-03-03')))
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()
  const [log] = await query<{ studyDay: number }>('SELECT "studyDay" FROM "ReviewLog" WHERE "userId" = ?', user.id)
  expect(Number(log!.studyDay)).toBe(dayOf('2026-03-03'))
})

test('a grade whose buttons were for the day before is refused: "the day changed; answer again"', async ({ page, context, user }) => {
  await page.clock.install({ time: new Date('2026-03-03T08:59:00.000Z') })
  await setNow(context, '2026-03-03T08:59:00.000Z')
  await page.goto('/review')
  const prompt = await page.locator('#card-prompt').innerText()
  await page.keyboard.press('Space')
  // The clock jumps past 04:00 without the screen's timer running (a laptop waking up): the answer is dated 04:01.
  await setNow(context, '2026-03-03T09:01:00.000Z')
  await page.clock.setSystemTime(new Date('2026-03-03T09:01:00.000Z'))
  await page.keyboard.press('3')
  await expect(page.getByRole('alert').filter({ hasText: 'The day changed; answer again.' })).toBeVisible()
  await expect(page.locator('#card-prompt')).toHaveText(prompt)
  await expect(page.locator('article[data-day]')).toHaveAttribute('data-day', String(dayOf('2026-03-03')))
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(0)
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(1)
})

test('a grade retried 10 minutes after its answer is logged at its answer time', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  let failed = false
  await page.route('**/api/reviews', async (route) => {
    if (failed) return route.continue()
    failed = true
    // The connection drops; by the time the retry gets through, the server's clock says ten minutes later.
    await setNow(context, '2026-03-02T14:10:00.000Z')
    return route.abort('connectionreset')
  })
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect(failed).toBe(true)
  const [log] = await query<{ review: unknown; createdAt: unknown }>('SELECT "review", "createdAt" FROM "ReviewLog" WHERE "userId" = ?', user.id)
  const at = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v))
  const review = at(log!.review)
  console.log(`grade retried 10 min later: logged ${(review - Date.parse(MORNING)) / 1000} s after the page's 09:00, received ${(at(log!.createdAt) - Date.parse(MORNING)) / 60_000} min after`)
  expect(review - Date.parse(MORNING)).toBeLessThan(60_000) // the answer's own time (the page's clock ran a few seconds)
  expect(at(log!.createdAt)).toBe(Date.parse('2026-03-02T14:10:00.000Z'))
})
