/** Someone preparing a talk reads cards from several sections in the language they choose, and opens a section. */
import { test, expect, setNow, createUser, signInAs, query } from './fixtures'

const NOW = '2026-03-02T14:00:00.000Z'

type CardRow = { id: string; frontEn: string; frontZh: string; sectionId: string; titleEn: string; titleZh: string }

/** Makes one basic card of each given section a review due now for the user, oldest first in the given order. */
async function dueReviews(userId: string, sections: string[]): Promise<CardRow[]> {
  const cards: CardRow[] = []
  for (const [i, sectionId] of sections.entries()) {
    const [card] = await query<CardRow>(
      `SELECT c."id", c."frontEn", c."frontZh", s."id" AS "sectionId", s."titleEn", s."titleZh" FROM "Card" c
       JOIN "Claim" cl ON cl."id" = c."claimId" JOIN "Section" s ON s."id" = cl."sectionId" AND s."deckId" = cl."deckId"
       WHERE c."kind" = 'basic' AND c."retired" = FALSE AND cl."sectionId" = ? ORDER BY c."position" LIMIT 1`,
      sectionId,
    )
    const due = new Date(Date.parse(NOW) - (sections.length - i) * 86_400_000)
    await query(
      `INSERT INTO "CardState" ("userId", "cardId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "version", "updatedAt")
       VALUES (?, ?, ?, 5, 5, 5, 5, 0, 3, 0, 2, ?, 3, ?)`,
      // Written at its last review: an answer dated before the version it answers is refused (issue #14).
      userId, card!.id, due, new Date(due.getTime() - 5 * 86_400_000), new Date(due.getTime() - 5 * 86_400_000),
    )
    cards.push(card!)
  }
  return cards
}

async function chooseLanguage(page: import('@playwright/test').Page, label: string) {
  await page.goto('/settings')
  await page.getByLabel('Show cards in').selectOption({ label })
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
}

test('cards from several sections, in English, Chinese or both; the card links to its section page', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 0 })
  await signInAs(context, user)
  await setNow(context, NOW)
  const [en, zh, both] = await dueReviews(user.id, ['03', '07', '10'])

  await chooseLanguage(page, 'English')
  await page.goto('/review')
  const prompt = page.locator('#card-prompt')
  await expect(prompt).toHaveText(en!.frontEn)
  // The section is shown with the answer, not before: some cards ask which part of the interview argues a point.
  await expect(page.getByRole('link', { name: /^Section 03: / })).toHaveCount(0)
  await page.keyboard.press('Space')
  await expect(page.getByRole('link', { name: `Section 03: ${en!.titleEn}` })).toBeVisible()
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()

  await chooseLanguage(page, 'Chinese (中文)')
  await page.goto('/review')
  await expect(prompt).toHaveText(zh!.frontZh)
  await page.keyboard.press('Space')
  await expect(page.getByRole('link', { name: `Section 07: ${zh!.titleZh}` })).toBeVisible()
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()

  await chooseLanguage(page, 'Both (English and 中文)')
  await page.goto('/review')
  await expect(prompt.locator('[lang="en"]')).toHaveText(both!.frontEn)
  await expect(prompt.locator('[lang="zh-Hans"]')).toHaveText(both!.frontZh)
  await page.keyboard.press('Space')
  await expect(page.getByText('Why it matters:')).toBeVisible()
  await page.getByRole('link', { name: /^Section 10: / }).click()

  await expect(page).toHaveURL(/\/sections\/10#s10-/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(both!.titleEn)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(both!.titleZh)
  await expect(page.getByRole('heading', { level: 2, name: /^Claims \(\d+\)$/ })).toBeVisible()
  // The prompts stand next to their claims (the card lists are open); only each answer is hidden until asked.
  await expect(page.getByText(both!.frontEn).first()).toBeVisible()
})

test('the deck page lists every section of the interview with its counts', async ({ page }) => {
  await page.goto('/deck')
  for (const id of ['01', '02', '03', '04', '06', '07', '08', '09', '10']) {
    await expect(page.getByRole('link', { name: new RegExp(`^${id}\\. `) })).toBeVisible()
  }
  await expect(page.getByRole('link', { name: /^05\. / })).toHaveCount(0)
  await page.getByRole('link', { name: /^04\. / }).click()
  await expect(page).toHaveURL(/\/sections\/04$/)
  await expect(page.getByRole('article').first()).toBeVisible()
})

test('a section that does not exist is a 404 page', async ({ page }) => {
  const res = await page.goto('/sections/05')
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
})
