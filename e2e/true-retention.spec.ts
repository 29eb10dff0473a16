/**
 * Statistics → true retention by period (issue #35): the table of today, yesterday, last week, month and year, young
 * and mature, beside the 7- and 30-day figures; a person with no answers to cards in review sees "no answers"; axe clean.
 */
import { test, expect, setNow, expectNoAxeViolations } from './fixtures'

test('the statistics page shows true retention by period, young and mature, as Anki counts it', async ({ page, context, user: _user }) => {
  await setNow(context, '2026-03-02T14:00:00.000Z')
  await page.goto('/statistics')
  const table = page.getByRole('table', { name: 'True retention by period, as Anki counts it' })
  await expect(table).toBeVisible()
  await expect(table.getByRole('columnheader')).toHaveText(['Period', 'Young', 'Mature', 'All'])
  await expect(table.getByRole('rowheader')).toHaveText(['Today', 'Yesterday', 'Last week', 'Last month', 'Last year'])
  await expect(table.getByRole('cell', { name: 'no answers' })).toHaveCount(15)
  // The 7- and 30-day figures stay.
  await expect(page.getByText('Last 7 days: no answers to cards in review yet')).toBeVisible()
  await expectNoAxeViolations(page)
})
