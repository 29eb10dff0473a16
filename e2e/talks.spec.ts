/**
 * Planning for a talk (issue #19): a talk over two sections with a date three days away, its plan, today's part
 * done in review (the planned cards come first), the plan a day later; the summary as printed; a past date refused
 * at its field; with a rollover hour of 23, a talk's date is still the calendar date (issue #30).
 */
import { test, expect, setNow, createUser, signInAs, query } from './fixtures'

const MORNING = '2026-03-06T14:00:00.000Z' // 09:00 in New York, a Friday; the clocks go forward on Sunday the 8th
const NEXT_MORNING = '2026-03-07T14:00:00.000Z'

async function createTalk(page: import('@playwright/test').Page, title: string, date: string) {
  await page.goto('/talks')
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('Talk date').fill(date)
  await page.getByRole('group', { name: 'Sections' }).getByRole('checkbox').nth(0).check()
  await page.getByRole('group', { name: 'Sections' }).getByRole('checkbox').nth(1).check()
  await page.getByRole('button', { name: 'Create talk' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

test('a talk over two sections: its plan, today\'s part done in review, the plan a day later', async ({ page, context, user: _user }) => {
  test.slow()
  await setNow(context, MORNING)
  await createTalk(page, 'Meetup keynote', '2026-03-09')
  await expect(page.getByText('in 3 days')).toBeVisible()
  await expect(page.getByText(/^\d+ claims in the talk$/)).toBeVisible()
  // Nothing is studied yet: every claim is below the target on the day without the plan, and the plan reaches it.
  await expect(page.getByText(/^\d+ below 90% on the day without more reviews$/)).toBeVisible()
  await expect(page.getByText('With the plan, every claim is at 90% or above on the day.')).toBeVisible()
  const table = page.getByRole('table', { name: 'Reviews per day until the talk' })
  await expect(table.getByRole('row')).toHaveCount(4) // a header and three days
  const todayRow = table.getByRole('row', { name: /2026-03-06 \(today\)/ })
  const plannedToday = Number(await todayRow.getByRole('cell').nth(1).innerText())
  expect(plannedToday).toBeGreaterThan(0)

  // Today's part: the planned cards come first in review, whatever the deck order.
  await page.getByRole('link', { name: 'Review now' }).click()
  const planned = Math.min(plannedToday, 3)
  for (let i = 0; i < planned; i++) {
    await page.getByRole('button', { name: 'Show answer' }).click()
    await page.getByRole('button', { name: /^Good, / }).click()
  }
  await expect(page.getByText('All answers saved')).toBeVisible()
  await page.goBack()
  await page.reload()
  await expect(page.getByText(`${planned} ${planned === 1 ? 'card' : 'cards'} of the talk answered today`)).toBeVisible()

  // A day later: two days left, the plan begins on the 7th, and yesterday's answers are no longer today's.
  await setNow(context, NEXT_MORNING)
  await page.reload()
  await expect(page.getByText('in 2 days')).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table.getByRole('row', { name: /2026-03-07 \(today\)/ })).toBeVisible()
  await expect(page.getByText('0 cards of the talk answered today')).toBeVisible()

  // Yesterday's claims are one study day old: the talk page and the map give each the same recall now (by the one
  // rule: its weakest studied card's, with the cards not studied beside it), where the talk page read "0% now" before.
  const line = page.getByRole('region', { name: 'Claims in the talk', exact: true }).getByRole('listitem').filter({ hasText: /recall now \d/ }).first()
  const [, claimText, recall] = /^([\s\S]*?)\s+(recall now [\d.]+%(?: · \d+ of \d+ not studied)?)/.exec(await line.innerText())!
  expect(recall).not.toBe('recall now 0%')
  await page.goto('/progress?view=list')
  await expect(page.getByRole('link').filter({ hasText: claimText!.trim() })).toContainText(recall!)

  // The home page counts down to it.
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Your next talk' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Meetup keynote' })).toBeVisible()
})

test('the printable summary: one line per claim by section, weak ones marked, the navigation hidden in print', async ({ page, context, user: _user }) => {
  await setNow(context, MORNING)
  await createTalk(page, 'Panel', '2026-03-20')
  const claims = Number((await page.getByText(/^\d+ claims in the talk$/).innerText()).split(' ')[0])
  await page.getByRole('link', { name: 'Printable summary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Panel: summary' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(2)
  await expect(page.locator('.summary-lines li')).toHaveCount(claims)
  // Nothing studied: every line is marked weak, in words, and says so rather than "0%".
  await expect(page.getByText(/^▲ weak \(not studied\)$/)).toHaveCount(claims)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await expect(page.getByRole('link', { name: 'Back to the talk' })).toBeHidden()
  await expect(page.locator('.summary-lines li').first()).toBeVisible()
  await expect(page.locator('.summary-lines li')).toHaveCount(claims)
  await page.emulateMedia({ media: 'screen' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
})

test('a date in the past is refused at the "Talk date" field, and a talk needs a section or a tag', async ({ page, context, user: _user }) => {
  await setNow(context, MORNING)
  await page.goto('/talks')
  await page.getByLabel('Title').fill('Too late')
  await page.getByLabel('Talk date').fill('2026-03-05')
  await page.getByRole('button', { name: 'Create talk' }).click()
  await expect(page.getByLabel('Talk date')).toHaveAccessibleDescription(/That date has passed: choose today or a later day/)
  await expect(page.getByText('Choose at least one section or tag')).toBeVisible()
  // What was typed is kept.
  await expect(page.getByLabel('Title')).toHaveValue('Too late')
  await expect(page.getByText('You have no talks yet.')).toBeVisible()
})

test('with the day rolling over at 23:00, a talk dated today is "today" and yesterday is refused', async ({ page, context }) => {
  const user = await createUser({ timeZone: 'Europe/London' })
  await query('UPDATE "UserSettings" SET "rolloverHour" = 23 WHERE "userId" = ?', user.id)
  await signInAs(context, user)
  // 10:00 on 9 December in London: the study day began at 23:00 on the 8th, but the date is the 9th.
  await setNow(context, '2026-12-09T10:00:00.000Z')
  await page.goto('/talks')
  await expect(page.getByLabel('Talk date')).toHaveAttribute('min', '2026-12-09')
  await page.getByLabel('Title').fill('Too late')
  await page.getByLabel('Talk date').fill('2026-12-08')
  await page.getByRole('group', { name: 'Sections' }).getByRole('checkbox').nth(0).check()
  await page.getByRole('button', { name: 'Create talk' }).click()
  await expect(page.getByLabel('Talk date')).toHaveAccessibleDescription(/That date has passed/)
  await createTalk(page, 'Morning talk', '2026-12-09')
  await expect(page.getByText('2026-12-09 · today')).toBeVisible()
  await expect(page.getByText('No days are left to plan before the talk.').first()).toBeVisible()
  await expect(page.getByText(/\(today\)/)).toHaveCount(0) // no plan row "2026-12-08 (today)"
})

test('a long unbroken title wraps on a 390 px phone: the talk page and the home page keep their width (issue #31)', async ({ page, context, user: _user }) => {
  await setNow(context, MORNING)
  await page.setViewportSize({ width: 390, height: 844 })
  const title = 'Keynote'.repeat(20)
  await createTalk(page, title, '2026-03-09')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.goto('/')
  await expect(page.getByRole('link', { name: title })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})
