/**
 * Settings → Help me decide (issue #35): the button beside the desired retention draws, on the server, the workload
 * at each retention from 0.70 to 0.97 over the next year, with the cheapest retention per card remembered marked,
 * a summary and a table as its text alternative; by keyboard, in English and in Chinese, axe clean.
 */
import { test, expect, createUser, signInAs, setNow, expectNoAxeViolations } from './fixtures'

const MORNING = '2026-03-02T14:00:00.000Z'

test('Help me decide draws the workload by retention, marks the cheapest, and says it all in a table', async ({ page, context, user: _user }) => {
  test.slow() // a year simulated 224 times in a worker, on a machine shared with the other tests
  await setNow(context, MORNING)
  // One answer first: the simulation starts from the cards as they stand.
  await page.goto('/review')
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()

  await page.goto('/settings')
  const button = page.getByRole('button', { name: 'Help me decide' })
  // Beside the desired retention, in the Scheduling group.
  await expect(page.getByRole('group', { name: 'Scheduling' }).getByRole('button', { name: 'Help me decide' })).toBeVisible()
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/settings\?decide=1#help-me-decide$/, { timeout: 60_000 })
  const section = page.getByRole('region', { name: 'Workload by desired retention' })
  await expect(section).toBeVisible()
  const chart = section.getByRole('img', { name: /lowest cost per card remembered is at 0\.\d\d/ })
  await expect(chart).toBeVisible()
  const summary = (await chart.getAttribute('aria-labelledby'))!
  await expect(page.locator(`[id="${summary}"]`)).toContainText('At your setting, 0.90')
  // 28 bars, one of them marked.
  await expect(chart.locator('rect.bar')).toHaveCount(28)
  await expect(chart.locator('rect.bar-marked')).toHaveCount(1)

  // The text alternative: a row per retention, the cheapest marked, and the person's own setting.
  await section.getByText('Show as a table').click()
  const table = section.getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(29)
  await expect(table.getByRole('rowheader', { name: /^0\.70/ })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: /^0\.97/ })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: /\(lowest cost\)/ })).toHaveCount(1)
  await expect(table.getByRole('rowheader', { name: '0.90 (your setting)' })).toBeVisible()
  const best = (await table.getByRole('rowheader', { name: /\(lowest cost\)/ }).innerText()).slice(0, 4)
  await expect(chart).toHaveAccessibleName(new RegExp(`lowest cost per card remembered is at ${best.replace('.', '\\.')}`))
  // More retention, more minutes: 0.97 costs more a day than 0.70.
  const minutes = async (r: string) => Number(await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${r.replace('.', '\\.')}`) }) }).getByRole('cell').nth(1).innerText())
  expect(await minutes('0.97')).toBeGreaterThan(await minutes('0.70'))
  await expectNoAxeViolations(page)
})

test('Help me decide in Chinese', async ({ page, context }) => {
  test.slow()
  const user = await createUser({ interfaceLanguage: 'zh', displayLanguage: 'zh' })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/settings')
  await page.getByRole('button', { name: '帮我选择' }).click()
  const section = page.getByRole('region', { name: '各期望记忆率的学习量' })
  await expect(section).toBeVisible({ timeout: 60_000 })
  await expect(section.getByRole('img', { name: /每记住一张卡片花费最少的是 0\.\d\d/ })).toBeVisible()
  await section.getByText('以表格显示').click()
  await expect(section.getByRole('rowheader', { name: /（花费最少）/ })).toHaveCount(1)
  await expect(section.getByRole('columnheader', { name: '每天分钟数' })).toBeVisible()
  await expectNoAxeViolations(page)
})
