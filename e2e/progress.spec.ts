/** Which ideas have I learned: the interview map, a claim's page, statistics and the home page, in the real build. */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { APIRequestContext, Page } from '@playwright/test'
import { test, expect, setNow, expectNoAxeViolations, createUser, signInAs, type TestUser } from './fixtures'
import { readDecks } from '../lib/deck/load'
import { expandCard } from '../lib/deck/schema'

const MORNING = '2026-03-02T14:00:00.000Z' // 09:00 in New York

test('review three cards, then the map, the claim, today\'s square and the counts show them', async ({ page, context, user }) => {
  test.slow() // three axe runs and six pages, on a machine shared with other work
  void user // signed in by the fixture
  await setNow(context, MORNING)
  await page.goto('/review')
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Show answer' }).click()
    await page.getByRole('button', { name: /^Good, / }).click()
  }
  await expect(page.getByText('All answers saved')).toBeVisible()

  await page.getByRole('link', { name: 'Progress' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'The interview map' })).toBeVisible()
  await expect(page.getByText(/^Learned 0 of \d+ claims$/)).toBeVisible()
  const learning = page.getByRole('link', { name: /^Learning: / })
  await expect(learning).toHaveCount(3)
  await expect(page.getByRole('link', { name: /^New: / }).first()).toBeVisible()
  await expectNoAxeViolations(page)

  // A claim opens to its cards, their next review and its history.
  await learning.first().click()
  await expect(page.getByText('State: ◐ Learning')).toBeVisible()
  await expect(page.getByRole('table').first().getByRole('row').nth(1)).toContainText('Learning')
  await expect(page.getByText('The latest 1 of 1 answer.')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Good', exact: true })).toBeVisible()
  await expectNoAxeViolations(page)

  // The section page shows the same per-claim state, each linking to the claim's page.
  await page.goto('/sections/01')
  await expect(page.getByRole('link', { name: 'Learning', exact: true })).toHaveCount(3)
  await expect(page.getByRole('link', { name: 'New', exact: true }).first()).toBeVisible()

  await page.getByRole('link', { name: 'Statistics' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible()
  await expect(page.getByText('3 answers on 1 day in the last year; today 3 answers.')).toBeVisible()
  await expect(page.locator('svg.heatmap rect.heat-today title')).toHaveText('Mar 2, 2026: 3 answers')
  await expect(page.locator('svg.heatmap rect.heat-today')).toHaveClass(/heat-4/)
  await expect(page.getByRole('row', { name: 'Learning 3' })).toBeVisible()
  await expect(page.getByText('3 cards due in the next 30 days, 3 of them today (overdue included).')).toBeVisible()
  await expect(page.getByText('Current streak: 1 day')).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByRole('link', { name: 'Home' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: /^0 of \d+ claims learned$/ })).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: /^3 due today$/ })).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: /^1 day in a row$/ })).toBeVisible()
})

test('the map and statistics fit a 390px phone and work by keyboard', async ({ page, context, user }) => {
  void user
  await page.setViewportSize({ width: 390, height: 844 })
  await setNow(context, MORNING)
  for (const path of ['/progress', '/statistics']) {
    await page.goto(path)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
  // The heatmap keeps 12 px cells: it opens at the latest weeks (today in view) and scrolls back by keyboard.
  const year = page.getByRole('region', { name: WORDS.en.heatmap })
  const cell = await page.locator('svg.heatmap rect').first().boundingBox()
  expect(cell!.width).toBeGreaterThanOrEqual(12)
  expect(cell!.height).toBeGreaterThanOrEqual(12)
  const today = (await page.locator('svg.heatmap rect.heat-today').boundingBox())!
  expect(today.x + today.width).toBeLessThanOrEqual(390)
  await year.focus()
  await expect(year).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => year.evaluate((e) => e.scrollLeft)).toBeLessThan(0)
  await expectNoAxeViolations(page)
  await page.getByText('Show as a table').first().focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('table', { name: 'Answers over the last year' })).toBeVisible()
})

/** The claims the interview map shows: the built-in deck's claims with a card, by the deck loader's own expansion. */
async function claimsOfDeck(): Promise<number> {
  const [source] = await readDecks(path.join(process.cwd(), 'data'))
  return source!.deck.sections.flatMap((s) => s.claims).filter((c) => c.cards.flatMap(expandCard).length > 0).length
}

/** The limits (#31): the whole map within the first screenfuls, the page no taller than this. */
const SCREENS = [
  { width: 1280, height: 800, mapBottomPx: 1600, pageHeightPx: 2400 },
  { width: 390, height: 844, mapBottomPx: 2600, pageHeightPx: 3400 },
] as const

const WORDS = {
  en: { states: ['New', 'Learning', 'Learned', 'Fading', 'Paused'], colon: ': ', map: 'Map', list: 'List', show: 'Show answer', good: /^Good, /, saved: 'All answers saved', heatmap: 'The year, day by day (scrolls sideways)' },
  zh: { states: ['未开始', '学习中', '已掌握', '渐忘', '已暂停'], colon: '：', map: '地图', list: '列表', show: '显示答案', good: /^良好，/, saved: '答案已全部保存', heatmap: '这一年，逐日（可左右滚动）' },
} as const

/** Where the map's last square ends and how tall the page is, in CSS px from the top of the page. */
const measure = (page: Page) =>
  page.evaluate(() => ({
    mapBottomPx: Math.max(...[...document.querySelectorAll('.claim-squares')].map((e) => e.getBoundingClientRect().bottom + window.scrollY)),
    pageHeightPx: document.documentElement.scrollHeight,
    smallestSquarePx: Math.min(...[...document.querySelectorAll('.claim-square')].flatMap((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])),
  }))

for (const language of ['en', 'zh'] as const) {
  test(`the map shows every claim and its state in words on one screenful or two, desktop and phone (${language})`, async ({ page, context }) => {
    test.slow() // four axe runs and two screen sizes
    const w = WORDS[language]
    // Chinese in the dark theme, English in the light one: axe checks the contrast of both.
    await page.emulateMedia({ colorScheme: language === 'zh' ? 'dark' : 'light' })
    await setNow(context, MORNING)
    await signInAs(context, await createUser({ interfaceLanguage: language, displayLanguage: language }))
    const claims = await claimsOfDeck()
    await page.goto('/review')
    await page.getByRole('button', { name: w.show }).click()
    await page.getByRole('button', { name: w.good }).click()
    await expect(page.getByText(w.saved)).toBeVisible()

    const anyState = new RegExp(`^(${w.states.join('|')})${w.colon}.+`)
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height })
      await page.goto('/progress')
      await expect(page.getByRole('navigation', { name: language === 'en' ? 'Show the claims as' : '论点的显示方式' }).getByRole('link', { name: w.map })).toHaveAttribute('aria-current', 'page')
      // Every claim a link named by its state in words and its sentence; the one answered is the one learning.
      const main = page.getByRole('main')
      await expect(main.getByRole('link', { name: anyState })).toHaveCount(claims)
      await expect(main.getByRole('link', { name: new RegExp(`^${w.states[1]}${w.colon}`) })).toHaveCount(1)
      await expect(main.getByRole('link', { name: new RegExp(`^${w.states[0]}${w.colon}`) })).toHaveCount(claims - 1)
      // Grouped by section: each section a heading with the list of its claims.
      const sections = main.locator('section.map-section')
      expect(await sections.count()).toBeGreaterThan(1)
      for (const section of await sections.all()) {
        await expect(section.getByRole('heading', { level: 2 })).toBeVisible()
        await expect(section.getByRole('list').getByRole('listitem').first()).toBeVisible()
      }
      const size = await measure(page)
      test.info().annotations.push({ type: 'map height', description: `${language} ${screen.width}×${screen.height}: map ends at ${size.mapBottomPx} px, page ${size.pageHeightPx} px` })
      console.log(`map height ${language} ${screen.width}x${screen.height}: map bottom ${size.mapBottomPx}px, page ${size.pageHeightPx}px, smallest square ${size.smallestSquarePx}px`)
      expect(size.smallestSquarePx).toBeGreaterThanOrEqual(24)
      expect(size.mapBottomPx).toBeLessThanOrEqual(screen.mapBottomPx)
      expect(size.pageHeightPx).toBeLessThanOrEqual(screen.pageHeightPx)
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      await expectNoAxeViolations(page)
    }

    // By keyboard: a square shows its sentence while focused, and opens the claim.
    await page.goto('/progress')
    // Tab from the first section's heading to its first square, as a keyboard does (focus-visible follows a key).
    await page.getByRole('main').locator('section.map-section').first().getByRole('heading', { level: 2 }).getByRole('link').focus()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('main').getByRole('link', { name: anyState }).first()).toBeFocused()
    const name = page.locator('.claim-square:focus-visible .claim-square-name')
    await expect(name).toBeVisible()
    expect((await name.boundingBox())!.width).toBeGreaterThan(100)
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/\/progress\/[^/?]+$/)

    // The full sentences, with each claim's recall now, in the list view.
    await page.goto('/progress')
    await page.getByRole('link', { name: w.list }).click()
    await expect(page).toHaveURL(/\/progress\?view=list$/)
    await expect(page.getByRole('link', { name: w.list })).toHaveAttribute('aria-current', 'page')
    // Each tile: its claim's link, and its place in the reading (every section has one).
    await expect(page.getByRole('main').locator('.claim-map a:not(.tile-reading)')).toHaveCount(claims)
    await expect(page.getByRole('main').locator('.claim-map a.tile-reading')).toHaveCount(claims)
    await expect(page.getByRole('main').locator('.claim-map .tile-learning a:not(.tile-reading)')).toContainText(language === 'en' ? /Learning.+recall now \d/ : /学习中.+\d+(\.\d)?%/)
    await expectNoAxeViolations(page)
  })
}

// ---------- A year of history through the grading API, checked against figures computed here ----------

const DAY_MS = 86_400_000
const FIRST = Date.parse('2025-03-03T14:00:00.000Z')
const DAYS = 365
const RATINGS = [3, 3, 4, 1, 3, 2, 3, 3, 4, 3] as const

/** Studies on most days, skipping a few in a fixed pattern, and on every one of the last 12. */
const studies = (i: number) => i >= DAYS - 12 || !(i % 9 === 4 || i % 13 === 7)

type Answer = { date: string; before: string; rating: number; durationMs: number }

async function seedYear(request: APIRequestContext, user: TestUser): Promise<Answer[]> {
  const answers: Answer[] = []
  const stateOf = new Map<string, string>()
  let n = 0
  for (let i = 0; i < DAYS; i++) {
    if (!studies(i)) continue
    const at = new Date(FIRST + i * DAY_MS).toISOString()
    const headers = { Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(at)}` }
    const queue = await request.get(`/api/queue?limit=${1 + (i % 3)}`, { headers })
    expect(queue.status()).toBe(200)
    for (const card of (await queue.json()).cards as { cardId: string; version: number }[]) {
      const rating = RATINGS[n % RATINGS.length]!
      const durationMs = 2000 + (n % 7) * 1000
      n++
      const res = await request.post('/api/reviews', { headers, data: { reviewId: randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs } })
      expect(res.status()).toBe(200)
      answers.push({ date: at.slice(0, 10), before: stateOf.get(card.cardId) ?? 'new', rating, durationMs })
      stateOf.set(card.cardId, (await res.json()).state.state)
    }
  }
  return answers
}

test('a year of synthetic history: the statistics match what the answers add up to', async ({ page, context, request, user }) => {
  test.slow() // ~700 requests to build the year
  const answers = await seedYear(request, user)
  const last = new Date(FIRST + (DAYS - 1) * DAY_MS)
  const today = last.toISOString().slice(0, 10)
  await setNow(context, new Date(last.getTime() + 6 * 3_600_000).toISOString())

  // What the page must say, computed from the answers alone (14:00 UTC is the morning in New York: the date is the study day's).
  const days = [...new Set(answers.map((a) => a.date))].sort()
  const todayCount = answers.filter((a) => a.date === today).length
  const dayNo = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
  let longest = 0
  let run = 0
  days.forEach((d, i) => {
    run = i > 0 && dayNo(d) === dayNo(days[i - 1]!) + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  })
  expect(days.at(-1)).toBe(today)
  const current = run
  const since = (n: number) => answers.filter((a) => dayNo(a.date) > dayNo(today) - n)
  const retentionOf = (list: Answer[]) => {
    const review = list.filter((a) => a.before === 'review')
    return { passed: review.filter((a) => a.rating > 1).length, answered: review.length }
  }
  const percent = (x: { passed: number; answered: number }) => `${Math.round((x.passed / x.answered) * 100)}%`
  const r7 = retentionOf(since(7))
  const r30 = retentionOf(since(30))
  const minutes30 = since(30).reduce((s, a) => s + a.durationMs, 0) / 60_000
  const monthName = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' })
  const months = new Map<string, { days: Set<string>; answers: number }>()
  for (const a of answers) {
    const m = monthName.format(new Date(`${a.date}T00:00:00Z`))
    const entry = months.get(m) ?? { days: new Set(), answers: 0 }
    entry.days.add(a.date)
    entry.answers++
    months.set(m, entry)
  }

  // Each long page arrives whole: nothing in its <main> is held back in a pending Suspense boundary (`<!--$?-->`, its
  // content in a hidden `<div id="S:…">`). React writes a boundary past 12,800 bytes after the rest of the page and
  // reveals it up to 300 ms after the first paint; a year's statistics are far past that (docs/performance.md,
  // 2026-12-07 late night).
  for (const [path, heading] of [['/statistics', 'id="heatmap-heading"'], ['/progress', 'class="map-grid"'], ['/browse', 'id="browse-count"']] as const) {
    const res = await context.request.get(path)
    expect(res.ok(), `${path} answered ${res.status()}`).toBe(true)
    expect(new URL(res.url()).pathname, `${path} was redirected`).toBe(path)
    const html = await res.text()
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
    expect(main.includes('<!--$?-->') || html.includes('hidden id="S:'), `part of ${path} is held back in a pending Suspense boundary`).toBe(false)
    expect(main, `${path}'s main holds its content`).toContain(heading)
  }

  await page.goto('/statistics')
  await expect(page.getByText(`${answers.length} answers on ${days.length} days in the last year; today ${todayCount} answers.`)).toBeVisible()
  await expect(page.getByText(`Current streak: ${current} days`)).toBeVisible()
  await expect(page.getByText(`Longest streak: ${longest} days`)).toBeVisible()
  await expect(page.getByText(`Last 7 days: ${percent(r7)} (${r7.passed} of ${r7.answered})`)).toBeVisible()
  await expect(page.getByText(`Last 30 days: ${percent(r30)} (${r30.passed} of ${r30.answered})`)).toBeVisible()
  await expect(page.getByText(`${Math.round(minutes30 * 10) / 10} minutes over the last 30 days.`)).toBeVisible()
  await page.getByText('Show as a table').first().click()
  const table = page.getByRole('table', { name: 'Answers over the last year' })
  for (const [month, m] of months) {
    await expect(table.getByRole('row', { name: `${month} ${m.days.size} ${m.answers}`, exact: true })).toHaveCount(1)
  }
  await expectNoAxeViolations(page)
})
