/**
 * The study operations on the review screen (issue #15), with the test clock: undo through the day's answers (after
 * a reload too), bury and suspend by key and by button, and a leech after eight lapses, told once with a way back.
 */
import { test, expect, setNow, countRows, query } from './fixtures'

const MORNING = Date.parse('2026-03-02T14:00:00.000Z') // 09:00 in New York
const at = (minutes: number) => new Date(MORNING + minutes * 60_000).toISOString()

test('undo three times, reload, undo again: each card comes back as it was, newest first', async ({ page, context, user }) => {
  await setNow(context, at(0))
  await page.goto('/review')
  const prompt = page.locator('#card-prompt')
  const prompts: string[] = []
  for (let i = 0; i < 4; i++) {
    await setNow(context, at(i)) // one answer a minute: the log keeps their order
    prompts.push(await prompt.innerText())
    await page.keyboard.press('Space')
    await page.keyboard.press('3')
    await expect(page.getByText('All answers saved')).toBeVisible()
  }
  for (let i = 3; i >= 1; i--) {
    await setNow(context, at(4 + (3 - i)))
    await page.keyboard.press('z')
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible()
    await expect(prompt).toHaveText(prompts[i]!)
    await expect(page.getByText('New card', { exact: false })).toBeVisible()
  }
  await page.reload()
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(prompt).toHaveText(prompts[0]!)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled() // nothing more today
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "undone" = TRUE', user.id)).toBe(4)
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ?', user.id)).toBe(0)
})

test('bury with the - key and suspend with its button; both undoable', async ({ page, context, user }) => {
  await setNow(context, at(0))
  await page.goto('/review')
  const prompt = page.locator('#card-prompt')
  const buried = await prompt.innerText()
  await page.keyboard.press('-')
  await expect(page.getByRole('status').filter({ hasText: 'Buried until the next study day' })).toBeVisible()
  await expect(prompt).not.toHaveText(buried)
  await setNow(context, at(1))
  const suspended = await prompt.innerText()
  await page.getByRole('button', { name: 'Suspend' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Suspended' })).toBeVisible()
  await expect(prompt).not.toHaveText(suspended)
  expect((await query<{ kind: string }>('SELECT "kind" FROM "ReviewLog" WHERE "userId" = ? ORDER BY "createdAt"', user.id)).map((r) => r.kind)).toEqual(['bury', 'suspend'])
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ? AND "suspended" = TRUE', user.id)).toBe(1)

  // Undo takes back the suspension; the buried card stays away after a reload.
  await setNow(context, at(2))
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(prompt).toHaveText(suspended)
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ? AND "suspended" = TRUE', user.id)).toBe(0)
  // After a reload the suspended card is back in the queue and the buried one is not (until tomorrow).
  await page.reload()
  const seen: string[] = []
  for (let i = 0; i < 3; i++) {
    seen.push(await prompt.innerText())
    await page.keyboard.press('Space')
    await page.keyboard.press('4')
    await expect(prompt).not.toHaveText(seen[i]!)
  }
  expect(seen).toContain(suspended)
  expect(seen).not.toContain(buried)
})

test('a leech after eight lapses is suspended, told once with its claim, and can be brought back', async ({ page, context, user }) => {
  await setNow(context, at(0))
  const [card] = (await (await page.request.get('/api/queue?limit=1')).json()).cards as { cardId: string }[]
  const grade = async (rating: number, version: number) => {
    const res = await page.request.post('/api/reviews', { data: { reviewId: crypto.randomUUID(), cardId: card!.cardId, rating, version, durationMs: 3000 } })
    expect(res.status()).toBe(200)
    return (await res.json()) as { state: { due: string; version: number }; leech?: boolean }
  }
  // Through the app's own API: learned (Easy), then forgotten and relearned seven times.
  let state = (await grade(4, 0)).state
  for (let lapse = 1; lapse <= 7; lapse++) {
    await setNow(context, new Date(Date.parse(state.due) + 60_000).toISOString())
    const forgotten = await grade(1, state.version)
    expect(forgotten.leech).toBeUndefined()
    await setNow(context, new Date(Date.parse(forgotten.state.due) + 60_000).toISOString())
    state = (await grade(3, forgotten.state.version)).state
  }
  // The eighth lapse, on the review screen.
  await setNow(context, new Date(Date.parse(state.due) + 60_000).toISOString())
  await page.goto('/review')
  await expect(page.getByText('Review ·', { exact: false })).toBeVisible()
  await page.keyboard.press('Space')
  await page.keyboard.press('1')
  const notice = page.getByRole('region', { name: 'A card set aside for now' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('suspended as a leech')
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ? AND "leech" = TRUE AND "suspended" = TRUE AND "lapses" = 8', user.id)).toBe(1)
  await notice.getByRole('button', { name: 'Bring it back' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The card is back in your reviews.' })).toBeVisible()
  await expect(notice).toBeHidden()
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "userId" = ? AND "leech" = TRUE AND "suspended" = FALSE', user.id)).toBe(1)
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "kind" = \'resume\'', user.id)).toBe(1)
})
