/**
 * The review screen as a person lives it (issue #16): a keyboard-only session to the finish line, keys that do what
 * they say, the grade buttons in reach on a phone, and each grade applied once or visibly not at all (two tabs, a
 * double click, the back button, a connection lost mid-grade).
 */
import type { Page } from '@playwright/test'
import { test, expect, setNow, createUser, signInAs, countRows, watchFinishLine, finishLineSeen, expectNoAxeViolations } from './fixtures'

const MORNING = '2026-03-02T14:00:00.000Z'

type ExportedLog = { id: string; cardId: string; rating: number; kind: string }
async function exportedLogs(page: Page): Promise<ExportedLog[]> {
  const body = await (await page.request.get('/api/export')).json()
  return (body.reviewLogs as ExportedLog[]).filter((l) => l.kind === 'review')
}

const finishHeading = (page: Page) => page.getByRole('heading', { level: 2, name: 'Nothing more is due now' })
const revealButton = (page: Page) => page.getByRole('button', { name: 'Show answer' })

test('a whole session by keyboard alone ends on a finish line that counts it, kept across a reload', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 3 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await watchFinishLine(page)
  await page.goto('/review')
  await expect(page.getByText('Today: 0 done · 3 left')).toBeVisible()

  // The first card is forgotten (1 = Again), the others Easy (4).
  const answer = page.locator('.answer')
  // Three new cards, then the forgotten one again (early: nothing else is due), Easy. Between the third and the
  // fourth the finish line never shows (checked below): the third answer's reply brings the early card first.
  for (let grades = 0; grades < 4; grades++) {
    await expect(revealButton(page)).toBeFocused()
    await page.keyboard.press(grades % 2 ? 'Enter' : 'Space')
    // The focus moves to the answer (never the page body), where Space would mean Good.
    await expect(answer).toBeFocused()
    await page.keyboard.press(grades === 0 ? '1' : '4')
    await expect(page.getByText(`${grades + 1} answered this session`)).toBeVisible()
  }
  // The finish line: the end of the queue said to a screen reader, the focus on its heading, today's counts.
  await expect(finishHeading(page)).toBeFocused()
  await expect(page.getByText('End of the queue: nothing more is due now. 4 answers today.')).toBeAttached()
  const summary = page.getByRole('region', { name: 'Today so far' })
  await expect(summary).toContainText('Reviewed4 answers on 3 cards')
  await expect(summary).toContainText('Forgotten1 answer of Again')
  await expect(summary).toContainText(/Time spent\d+ min \d+ s/)
  await expect(summary).toContainText('No claim became learned today.')
  await expect(page.getByText(/^The next card is due /)).toBeVisible()
  await expect(page.getByText('Today: 4 done · 0 left')).toBeVisible()
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect(await finishLineSeen(page)).toEqual(['Today: 4 done · 0 left'])

  // A reload keeps today's progress (from the log); "this session" starts again.
  await page.reload()
  await expect(page.getByText('Today: 4 done · 0 left')).toBeVisible()
  await expect(page.getByText('0 answered this session')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Today so far' })).toContainText('4 answers on 3 cards')
  // As a set: the answers share the test clock's one instant, a tie in the export's order PostgreSQL breaks either way.
  expect((await exportedLogs(page)).map((l) => l.rating).sort()).toEqual([1, 4, 4, 4])
})

test('Space on a focused Again records Again; Space on the focused section link grades nothing', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  await page.keyboard.press('Space')
  await page.getByRole('link', { name: /^Section \d\d: / }).focus()
  await page.keyboard.press('Space')
  await page.keyboard.press('Enter') // Enter on the link follows it, and grades nothing either
  await expect(page).toHaveURL(/\/sections\//)
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(0)

  await page.goto('/review')
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Again, / }).focus()
  await page.keyboard.press('Space')
  await expect(page.getByText('1 answered this session')).toBeVisible()
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect((await exportedLogs(page)).map((l) => l.rating)).toEqual([1])

  // Enter on a focused Hard is Hard; a focused Undo button's Space undoes, and never grades. A minute later: at one
  // instant the two answers would tie in the export's order (review time, then the time written), which PostgreSQL
  // may return either way.
  await setNow(context, '2026-03-02T14:01:00.000Z')
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Hard, / }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect((await exportedLogs(page)).map((l) => l.rating)).toEqual([1, 2])
})

test('"?" lists every key in a dialog that Esc closes, the focus back where it was; its keys answer nothing', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  await expect(revealButton(page)).toBeFocused()
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  for (const what of ['Show the answer', 'Answer Again (forgotten)', 'Answer Hard', 'Answer Good', 'Answer Easy', 'Undo the last answer', 'Bury the card', 'Suspend the card', 'Show this list']) {
    await expect(dialog.getByRole('cell', { name: what })).toBeVisible()
  }
  await page.keyboard.press('Space') // presses the dialog's Close button, which has the focus
  await expect(dialog).toBeHidden()
  await expect(revealButton(page)).toBeFocused()
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
  await expect(dialog).toBeVisible()
  await page.keyboard.press('3')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused()
  await expect(revealButton(page)).toBeVisible()
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(0)
})

for (const displayLanguage of ['en', 'zh', 'both'] as const) {
  test(`on a 390×844 phone every grade button is in the viewport after the reveal (cards in ${displayLanguage})`, async ({ page, context }) => {
    // Siblings not buried: a claim's cloze comes right after its question.
    const user = await createUser({ displayLanguage, newPerDay: 40, burySiblings: false })
    await signInAs(context, user)
    await setNow(context, MORNING)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/review')
    let clozes = 0
    for (let i = 0; i < 16; i++) {
      const prompt = page.locator('#card-prompt')
      const before = await prompt.innerHTML()
      // A tap on the card shows the answer.
      await prompt.click()
      const buttons = page.getByRole('group', { name: 'How well did you remember?' }).getByRole('button')
      await expect(buttons).toHaveCount(4)
      for (const button of await buttons.all()) {
        const box = (await button.boundingBox())!
        expect(box.y, await button.innerText()).toBeGreaterThanOrEqual(0)
        expect(box.y + box.height, await button.innerText()).toBeLessThanOrEqual(844)
        expect(box.x + box.width).toBeLessThanOrEqual(390)
      }
      if ((await page.locator('article').innerText()).includes('Fill in the blank')) {
        clozes++
        // The cloze's sentence shows once: filled in where the blank was, not again below it.
        const sentence = (await prompt.innerText()).trim()
        expect(await prompt.innerHTML()).not.toBe(before)
        expect(await page.locator('.answer').innerText()).not.toContain(sentence)
      }
      // The last thing on the page scrolls clear of the bar.
      const hint = await page.locator('.kbd-hint').evaluate((el) => {
        window.scrollTo(0, document.documentElement.scrollHeight)
        const bar = document.querySelector('.answer-bar')!.getBoundingClientRect()
        return { hintBottom: el.getBoundingClientRect().bottom, barTop: bar.top }
      })
      expect(hint.hintBottom).toBeLessThanOrEqual(hint.barTop)
      await page.getByRole('button', { name: /^Easy, / }).click()
      await expect(prompt).not.toHaveJSProperty('innerHTML', before)
    }
    expect(clozes).toBeGreaterThan(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })
}

test('on a 1280×800 screen with cards in both languages every grade button stays in view after the reveal, by mouse and by keys', async ({ page, context }) => {
  const user = await createUser({ displayLanguage: 'both', newPerDay: 40, burySiblings: false })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/review')
  const buttons = page.getByRole('group', { name: 'How well did you remember?' }).getByRole('button')
  let below = 0 // cards whose grade buttons would be below the screen without the sticky bar
  for (let i = 0; i < 20; i++) {
    const prompt = page.locator('#card-prompt')
    const before = await prompt.innerHTML()
    if (i % 2 === 0) await prompt.click()
    else await page.keyboard.press('Space')
    await expect(buttons).toHaveCount(4)
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!
      expect(box.y, await button.innerText()).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height, await button.innerText()).toBeLessThanOrEqual(800)
    }
    // Positive control: the same bar, not sticky, would end below the screen.
    const wouldBeBelow = await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('.answer-bar')!
      bar.style.position = 'static'
      const out = bar.getBoundingClientRect().bottom > window.innerHeight
      bar.style.position = ''
      return out
    })
    if (wouldBeBelow) below++
    // The answer, focused by script after a click, draws no focus ring; after a key, it does (:focus-visible).
    const outline = await page.locator('.answer').evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline, `card ${i + 1}`).toBe(i % 2 === 0 ? 'none' : 'solid')
    if (i === 0) await expectNoAxeViolations(page)
    await page.getByRole('button', { name: /^Good, / }).click()
    await expect(prompt).not.toHaveJSProperty('innerHTML', before)
  }
  expect(below).toBeGreaterThan(0)
})

test('two tabs answer the same card: the second is told it was not saved, and the card is graded once', async ({ context, user }) => {
  await setNow(context, MORNING)
  const first = await context.newPage()
  const second = await context.newPage()
  await first.goto('/review')
  await second.goto('/review')
  const shown = await first.locator('#card-prompt').innerHTML()
  await expect(second.locator('#card-prompt')).toHaveJSProperty('innerHTML', shown)

  await revealButton(first).click()
  await first.getByRole('button', { name: /^Good, / }).click()
  await expect(first.getByText('All answers saved')).toBeVisible()

  await revealButton(second).click()
  await second.getByRole('button', { name: /^Again, / }).click()
  await expect(second.getByRole('alert').filter({ hasText: 'not saved' })).toContainText('An answer was not saved: that card was answered or changed elsewhere (another tab or device)')
  // Not counted as answered here; today's progress comes from the server (the first tab's answer).
  await expect(second.getByText('0 answered this session')).toBeVisible()
  await expect(second.getByText(/^Today: 1 done · /)).toBeVisible()
  // The card it shows is another one (the answered card waits for its 10 minutes), never the old copy.
  await expect(second.locator('#card-prompt')).not.toHaveJSProperty('innerHTML', shown)
  const logs = await exportedLogs(first)
  expect(logs.map((l) => l.rating)).toEqual([3])
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(1)
})

test('a double click on a grade button gives one answer', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Good, / }).dblclick()
  await expect(page.getByText('1 answered this session')).toBeVisible()
  await expect(page.getByText('All answers saved')).toBeVisible()
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(1)
})

test('the back button after grading does not grade the old card again', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  const shown = await page.locator('#card-prompt').innerHTML()
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Good, / }).click()
  await expect(page.getByText('All answers saved')).toBeVisible()
  await page.getByRole('link', { name: 'Statistics' }).first().click()
  await expect(page).toHaveURL(/\/statistics$/)
  await page.goBack()
  await expect(page).toHaveURL(/\/review$/)
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Good, / }).click()
  // Whatever the restored page showed: the first card has one answer, and nothing was applied twice.
  await expect(page.getByText('All answers saved').or(page.getByRole('alert').filter({ hasText: 'not saved' }))).toBeVisible()
  const logs = await exportedLogs(page)
  const counts = new Map<string, number>()
  for (const l of logs) counts.set(l.cardId, (counts.get(l.cardId) ?? 0) + 1)
  expect([...counts.values()].every((n) => n === 1)).toBe(true)
  expect(shown).not.toBe('')
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBeLessThanOrEqual(2)
})

test('a connection lost mid-grade: the screen says it is still saving, and retries with the same review id', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.goto('/review')
  const sent: string[] = []
  let failing = true
  await page.route('**/api/reviews', async (route) => {
    sent.push((route.request().postDataJSON() as { reviewId: string }).reviewId)
    if (failing) await route.abort('internetdisconnected')
    else await route.continue()
  })
  await revealButton(page).click()
  await page.getByRole('button', { name: /^Good, / }).click()
  await expect(page.getByText('Saving 1…')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Still saving 1 answer: it is kept and sent again until the server has it.' })).toBeAttached({ timeout: 8000 })
  await expect.poll(() => sent.length).toBeGreaterThan(1)
  failing = false
  await expect(page.getByText('All answers saved')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('status').filter({ hasText: 'The answers that were waiting are saved.' })).toBeAttached()
  expect(new Set(sent).size).toBe(1)
  expect((await exportedLogs(page)).map((l) => l.id)).toEqual([sent[0]])
  expect(user.id).not.toBe('')
})

test('the navigation on a phone: a Menu button opens every page, Esc closes it and gives the focus back', async ({ page, context, user }) => {
  await setNow(context, MORNING)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/review')
  const menu = page.getByRole('button', { name: /^Menu/ })
  // Closed, it is one short line: the button says which page this is.
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toHaveText('Menu · Review')
  expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThanOrEqual(80)
  await expect(page.getByRole('link', { name: 'Statistics' })).toBeHidden()
  await menu.focus()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  const list = page.locator(`#${await menu.getAttribute('aria-controls')}`)
  const names = await list.getByRole('link').allInnerTexts()
  expect(names).toEqual(['Home', 'Review', 'Read', 'Quiz', 'Progress', 'Statistics', 'Talks', 'Browse', 'Settings', 'Account'])
  await expect(list.getByRole('link', { name: 'Review' })).toHaveAttribute('aria-current', 'page')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toBeFocused()
  await expect(list.getByRole('link', { name: 'Review' })).toBeHidden()
  // A link followed closes it, and the new page is marked.
  await menu.click()
  await list.getByRole('link', { name: 'Statistics' }).click()
  await expect(page).toHaveURL(/\/statistics$/)
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toHaveText('Menu · Statistics')
  expect(user.id).not.toBe('')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('the phone shows the navigation links themselves', async ({ page, context, user }) => {
    await setNow(context, MORNING)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/statistics')
    await expect(page.getByRole('button', { name: /^Menu/ })).toBeHidden()
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Statistics' })).toHaveAttribute('aria-current', 'page')
    expect(user.id).not.toBe('')
  })
})

test('a card listed 10 minutes before the rollover says on its Good the interval it applies (1d), not the morning\'s 10m', async ({ page, context, user }) => {
  // New York, rollover 4: 10:00 on 2 March, then 03:50 on 3 March, the same study day.
  await setNow(context, '2026-03-02T15:00:00.000Z')
  await page.goto('/review')
  await revealButton(page).click()
  await expect(page.getByRole('button', { name: 'Good, 10m' })).toBeVisible()
  await setNow(context, '2026-03-03T08:50:00.000Z')
  await page.reload()
  await revealButton(page).click()
  await page.getByRole('button', { name: 'Good, 1d' }).click()
  await expect(page.getByText('All answers saved')).toBeVisible()
  // Applied as it said: due at the start of the next study day (04:00 EST).
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "rating" = 3', user.id)).toBe(1)
  const due = await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ? AND "due" = ?', user.id, new Date('2026-03-03T09:00:00.000Z'))
  expect(due).toBe(1)
})

test('the buttons on screen are worked out again when a learning step\'s end reaches the next study day', async ({ page, context, user: _ }) => {
  // Shown at 03:49:57 (Good 10m, until 03:50); the server's clock is then moved past 03:50.
  await setNow(context, '2026-03-03T08:49:57.000Z')
  await page.goto('/review')
  await revealButton(page).click()
  await expect(page.getByRole('button', { name: 'Good, 10m' })).toBeVisible()
  await setNow(context, '2026-03-03T08:50:30.000Z')
  await expect(page.getByRole('button', { name: 'Good, 1d' })).toBeVisible({ timeout: 15_000 })
  await expect(page.getByText('The intervals on the buttons were worked out again')).toBeVisible()
  await expect(page.locator('.answer')).toBeVisible() // still revealed: the person answers on
})
