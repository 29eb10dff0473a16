/**
 * Quizzing yourself before a talk (issue #18): a quiz over chosen sections answered by keys, its results by claim,
 * and the schedule untouched (the export's card states before and after); with "count answers as reviews" the
 * states change as in review; a reload mid-quiz resumes; the section pages hide answers and start a quiz.
 */
import type { Page } from '@playwright/test'
import path from 'node:path'
import { test, expect, setNow, expectNoAxeViolations } from './fixtures'
import { readDecks } from '../lib/deck/load'
import { expandCard } from '../lib/deck/schema'

/** How many live cards these sections of the built-in deck have, by the deck loader's own expansion (one per cloze ordinal). */
async function liveCardsOf(sectionIds: string[]): Promise<number> {
  const [source] = await readDecks(path.join(process.cwd(), 'data'))
  return source!.deck.sections.filter((s) => sectionIds.includes(s.id)).flatMap((s) => s.claims.flatMap((c) => c.cards.flatMap(expandCard))).length
}

const MORNING = '2026-03-02T14:00:00.000Z'

type Export = { cardStates: { cardId: string; version: number; state: number }[]; reviewLogs: { kind: string; cardId: string }[] }
const exported = async (page: Page) => (await (await page.request.get('/api/export')).json()) as Export

/** "Card 3 of 20" → [3, 20]. */
async function cardOf(page: Page): Promise<[number, number]> {
  const text = await page.getByText(/^Card \d+ of \d+$/).innerText()
  const [, n, count] = /^Card (\d+) of (\d+)$/.exec(text)!
  return [Number(n), Number(count)]
}

/** Shows the answer with Space and answers with the key; waits for the next card or the end. */
async function answerByKeys(page: Page, key: '1' | '2' | '3' | '4' | ' ') {
  const [n, count] = await cardOf(page)
  await page.keyboard.press('Space')
  await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeVisible()
  await page.keyboard.press(key === ' ' ? 'Space' : key)
  if (n < count) await expect(page.getByText(`Card ${n + 1} of ${count}`)).toBeVisible()
}

test('a quiz over two sections: answered by keys, results by claim, the schedule untouched', async ({ page, context, user: _user }) => {
  test.slow() // twenty cards, answered one by one
  await setNow(context, MORNING)
  // One real review first, so the export has a state a quiz could have changed.
  await page.goto('/review')
  await page.getByRole('button', { name: 'Show answer' }).click()
  await page.getByRole('button', { name: /^Good, / }).click()
  await expect(page.getByText('All answers saved')).toBeVisible()
  const before = await exported(page)
  expect(before.cardStates).toHaveLength(1)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quiz' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz yourself' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByText('More options').click()
  await expectNoAxeViolations(page)
  // Ticking a section chooses "Chosen sections".
  await page.getByRole('checkbox', { name: /^03\. / }).check()
  await page.getByRole('checkbox', { name: /^06\. / }).check()
  await expect(page.getByRole('radio', { name: 'Chosen sections' })).toBeChecked()
  await page.getByLabel('Most cards in the quiz (1–200)').fill('200')
  await page.getByLabel('Order').selectOption({ label: 'Interview order' })
  await page.getByRole('button', { name: 'Start quiz' }).click()

  await expect(page.getByText('Practice: your schedule is not changed')).toBeVisible()
  const [, count] = await cardOf(page)
  expect(count).toBe(await liveCardsOf(['03', '06'])) // every live card of sections 03 and 06
  await page.keyboard.press('Space')
  // The four answers, with no interval: nothing is scheduled.
  for (const name of ['Again', 'Hard', 'Good', 'Easy']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: /^Section 03: / })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.keyboard.press('1') // the first card (section 03's first claim): missed
  for (let i = 2; i <= count; i++) await answerByKeys(page, i % 2 === 0 ? '2' : ' ')

  await expect(page.getByRole('heading', { level: 1, name: 'Quiz results' })).toBeVisible()
  const resultsUrl = page.url()
  await expect(page.getByRole('heading', { name: 'Missed (1)' })).toBeVisible()
  const missed = page.getByRole('region', { name: 'Missed (1)' })
  await expect(missed.getByRole('link', { name: /^Section 03: / })).toBeVisible()
  await expect(page.getByRole('heading', { name: /^Known \(\d+\)$/ })).toBeVisible()
  await expect(page.getByText('Your review schedule was not changed.')).toBeVisible()
  await expectNoAxeViolations(page)

  const after = await exported(page)
  expect(after.cardStates).toEqual(before.cardStates)
  expect(after.reviewLogs.filter((l) => l.kind === 'quiz')).toHaveLength(count)
  expect(after.reviewLogs.filter((l) => l.kind === 'review')).toHaveLength(1)
  await page.goto('/')
  await expect(page.getByRole('list').filter({ hasText: 'learning' })).toContainText('19 new')

  // Again, with the missed claim's cards only.
  await page.goto(resultsUrl)
  await page.getByRole('button', { name: 'Quiz the missed ones again' }).click()
  await expect(page.getByText(/^Card 1 of \d+$/)).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz results' })).toHaveCount(0)
})

test('with "count answers as reviews", a quiz changes the states as review does', async ({ page, context, user: _user }) => {
  await setNow(context, MORNING)
  await page.goto('/quiz')
  await page.getByText('More options').click()
  await page.getByLabel('Most cards in the quiz (1–200)').fill('2')
  await page.getByLabel('Order').selectOption({ label: 'Interview order' })
  await page.getByRole('checkbox', { name: 'Count answers as reviews' }).check()
  await page.getByRole('button', { name: 'Start quiz' }).click()
  await expect(page.getByText('Answers count as reviews')).toBeVisible()
  await answerByKeys(page, '3')
  await answerByKeys(page, '3')
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz results' })).toBeVisible()
  await expect(page.getByText('These answers counted as reviews.')).toBeVisible()
  const after = await exported(page)
  expect(after.cardStates.map((s) => [s.version, s.state])).toEqual([[1, 1], [1, 1]]) // learning, as after Good in review
  expect(after.reviewLogs.map((l) => l.kind)).toEqual(['review', 'review'])
  await page.goto('/')
  await expect(page.getByRole('list').filter({ hasText: 'learning' })).toContainText('18 new')
})

test('a reload mid-quiz resumes at the next card; an unfinished quiz can be resumed or dropped', async ({ page, context, user: _user }) => {
  await setNow(context, MORNING)
  await page.goto('/quiz')
  await page.getByText('More options').click()
  await page.getByRole('checkbox', { name: 'Core claims only' }).check()
  await page.getByLabel('Most cards in the quiz (1–200)').fill('4')
  await page.getByRole('button', { name: 'Start quiz' }).click()
  await answerByKeys(page, '4')
  await answerByKeys(page, '1')
  await expect(page.getByText(/^Saving/)).toHaveCount(0)
  const third = await page.getByRole('heading', { level: 2 }).first().innerText()
  // On a 390px phone the quiz screen and the choices fit without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expect(page.getByText('Card 3 of 4')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(third)

  // On the phone the navigation is behind its Menu button.
  await page.getByRole('button', { name: /^Menu/ }).click()
  await page.getByRole('link', { name: 'Quiz', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Unfinished quiz' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expect(page.getByText('You answered 2 of 4 cards.')).toBeVisible()
  await page.getByRole('link', { name: 'Resume quiz' }).click()
  await expect(page.getByText('Card 3 of 4')).toBeVisible()
  await page.goBack()
  await page.getByRole('button', { name: 'Drop quiz' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz yourself' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Unfinished quiz' })).toHaveCount(0)
  // The dropped quiz's answers stay in the history; nothing was scheduled.
  const data = await exported(page)
  expect(data.reviewLogs.map((l) => l.kind)).toEqual(['quiz', 'quiz'])
  expect(data.cardStates).toEqual([])
})

test('a refused choice says what is wrong next to the field and starts nothing', async ({ page, user: _user }) => {
  await page.goto('/quiz')
  // The common choice is one press; the rest is behind "More options", which a refusal opens again.
  await expect(page.getByText('Up to 20 cards from: The whole interview, as practice.')).toBeVisible()
  await expect(page.getByLabel('Most cards in the quiz (1–200)')).toBeHidden()
  await page.getByText('More options').click()
  await page.getByRole('radio', { name: 'Chosen sections' }).check()
  await page.getByLabel('Most cards in the quiz (1–200)').fill('0')
  await page.getByText('More options').click()
  await expect(page.getByLabel('Most cards in the quiz (1–200)')).toBeHidden()
  await page.getByRole('button', { name: 'Start quiz' }).click()
  await expect(page.getByText('Choose at least one section')).toBeVisible()
  await expect(page.getByLabel('Most cards in the quiz (1–200)')).toHaveAccessibleDescription('Enter a number from 1 to 200')
  // What was chosen is kept.
  await expect(page.getByRole('radio', { name: 'Chosen sections' })).toBeChecked()
  await expect(page.getByLabel('Most cards in the quiz (1–200)')).toHaveValue('0')
  await page.goto('/quiz')
  await expect(page.getByRole('heading', { name: 'Unfinished quiz' })).toHaveCount(0)
})

test('a section page hides each answer until asked, shows them all on request, and quizzes that section', async ({ page, user: _user }) => {
  await page.goto('/sections/03')
  const firstAnswer = page.locator('details.card-answer').first()
  await expect(firstAnswer).not.toHaveAttribute('open')
  await firstAnswer.getByText('Show answer').click()
  await expect(firstAnswer).toHaveAttribute('open')
  await page.getByRole('button', { name: 'Show all answers' }).click()
  await expect(page.locator('details.card-answer:not([open])')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Hide all answers' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: 'Hide all answers' }).click()
  await expect(page.locator('details.card-answer[open]')).toHaveCount(0)

  await page.getByRole('button', { name: 'Quiz me on this section' }).click()
  await expect(page.getByText(`Card 1 of ${await liveCardsOf(['03'])}`)).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('link', { name: /^Section 03: / })).toBeVisible()
})

test('from a talk to its quiz: "Quiz this talk", answered, then listed on the talk page with "knew k of n claims"', async ({ page, context, user: _user }) => {
  test.slow() // twenty cards, answered one by one
  await setNow(context, MORNING)
  await page.goto('/talks')
  await page.getByLabel('Title').fill('Meetup keynote')
  await page.getByLabel('Talk date').fill('2026-03-20')
  await page.getByRole('group', { name: 'Sections' }).getByRole('checkbox').nth(0).check()
  await page.getByRole('button', { name: 'Create talk' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Meetup keynote' })).toBeVisible()
  const talkUrl = page.url()
  await expect(page.getByText('No quiz of this talk yet.')).toBeVisible()
  await expectNoAxeViolations(page)

  await page.getByRole('button', { name: 'Quiz this talk' }).click()
  await expect(page.getByText('Practice: your schedule is not changed')).toBeVisible()
  const [, count] = await cardOf(page)
  expect(count).toBe(20)
  await page.keyboard.press('Space')
  await page.keyboard.press('1') // the first claim: missed
  // Saving is shown, not read out after every answer (a live region speaks only when an answer has waited 3 s).
  await expect(page.locator('[aria-live], [role="status"]').filter({ hasText: /Saving/ })).toHaveCount(0)
  for (let i = 2; i <= count; i++) await answerByKeys(page, ' ')
  // The end is announced and the focus, dropped with the last grade button, is on the results.
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz results' })).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: /^Quiz finished\. You knew \d+ of \d+ claims\.$/ })).toHaveCount(1)
  const resultsUrl = page.url()
  await expect(page.getByRole('heading', { name: 'Missed (1)' })).toBeVisible()
  const known = Number(/\((\d+)\)/.exec(await page.getByRole('heading', { name: /^Known \(\d+\)$/ }).innerText())![1])

  await page.goto(talkUrl)
  const quizzes = page.getByRole('region', { name: 'Quizzes' })
  const link = quizzes.getByRole('link', { name: `2026-03-02 · knew ${known} of ${known + 1} claims` })
  await expect(link).toBeVisible()
  await expectNoAxeViolations(page)
  await link.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Quiz results' })).toBeVisible()
  expect(page.url()).toBe(resultsUrl)
})
