/**
 * The card browser (issue #16) in the production build, with the test clock: cards buried and suspended on the review
 * screen found by filter and brought back into the queue; reset to new and undo by keyboard; search in English and
 * Chinese; a section page's tag landing on the filtered browser; pages of 50 cards.
 */
import { test, expect, setNow, query } from './fixtures'

const MORNING = Date.parse('2026-03-02T14:00:00.000Z') // 09:00 in New York
const at = (minutes: number) => new Date(MORNING + minutes * 60_000).toISOString()

test('bury and suspend on the review screen, find both in the browser, bring them back: they are in the queue again', async ({ page, context, user: _user }) => {
  await setNow(context, at(0))
  await page.goto('/review')
  const prompt = page.locator('#card-prompt')
  const buried = (await prompt.innerText()).trim()
  await page.keyboard.press('-')
  await expect(page.getByRole('status').filter({ hasText: 'Buried until the next study day' })).toBeVisible()
  await setNow(context, at(1))
  const suspended = (await prompt.innerText()).trim()
  await page.getByRole('button', { name: 'Suspend' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Suspended' })).toBeVisible()

  await page.goto('/browse')
  const total = Number((await page.getByRole('heading', { level: 2, name: /^\d+ of \d+ cards$/ }).innerText()).split(' of ')[1]!.split(' ')[0])
  expect(total).toBeGreaterThan(100)
  await page.getByLabel('Buried today').check()
  await page.getByRole('button', { name: 'Show cards' }).click()
  await expect(page).toHaveURL(/[?&]buried=1/)
  await expect(page.getByRole('heading', { level: 2, name: `1 of ${total} cards` })).toBeVisible()
  await expect(page.locator('.browse-list li')).toContainText(buried)
  await expect(page.locator('.browse-list li')).toContainText('buried today')
  // A button pressed with no row ticked says so and changes nothing.
  await page.getByRole('button', { name: 'Unbury' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'No card was ticked' })).toBeVisible()
  await expect(page.locator('.browse-list li')).toContainText('buried today')
  await page.getByRole('checkbox', { name: buried }).check()
  await page.getByRole('button', { name: 'Unbury' }).click()
  await expect(page.getByRole('status')).toContainText("1 card unburied: it is back in today's queue.")
  await expect(page.getByText('No card matches these filters.')).toBeVisible()

  // The back button returns to the unfiltered list; the URL holds the filters.
  await page.goto('/browse?suspended=1')
  await expect(page.getByLabel('Suspended')).toBeChecked()
  await expect(page.getByRole('heading', { level: 2, name: `1 of ${total} cards` })).toBeVisible()
  await page.getByRole('checkbox', { name: suspended }).check()
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByRole('status')).toContainText('1 card resumed.')

  await setNow(context, at(2))
  await page.goto('/review')
  const seen: string[] = []
  for (let i = 0; i < 3; i++) {
    seen.push((await prompt.innerText()).trim())
    await page.keyboard.press('Space')
    await page.keyboard.press('4')
    await expect(prompt).not.toHaveText(seen[i]!)
  }
  expect(seen).toContain(buried)
  expect(seen).toContain(suspended)
})

test('reset a card to new by keyboard, after a confirmation, then undo it', async ({ page, context, user }) => {
  await setNow(context, at(0))
  await page.goto('/review')
  const answered = (await page.locator('#card-prompt').innerText()).trim()
  await page.keyboard.press('Space')
  await page.keyboard.press('4')
  await expect(page.getByText('All answers saved')).toBeVisible()

  await setNow(context, at(1))
  await page.goto('/browse?state=review')
  await page.getByRole('link', { name: answered }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Card info' })).toBeVisible()
  await expect(page.getByRole('definition').filter({ hasText: /^Review/ })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Easy' })).toBeVisible()
  // The confirmation is a disclosure: opened and confirmed from the keyboard alone.
  await page.getByText('Reset to new…').focus()
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('button', { name: 'Yes, reset this card to new' })
  await confirm.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status')).toContainText('1 card reset to new.')
  await expect(page.getByRole('definition').filter({ hasText: /^New/ })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Reset to new' })).toBeVisible()
  expect(await query<{ kind: string }>('SELECT "kind" FROM "ReviewLog" WHERE "userId" = ? ORDER BY "createdAt"', user.id)).toEqual([{ kind: 'review' }, { kind: 'reset' }])

  await setNow(context, at(2))
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('status')).toContainText('Undone.')
  await expect(page.getByRole('definition').filter({ hasText: /^Review/ })).toBeVisible()
  await expect(page.getByRole('cell', { name: /undone/ })).toBeVisible()
})

test('search by an English word and by a Chinese word', async ({ page, user: _user }) => {
  const [claim] = await query<{ textEn: string; textZh: string }>('SELECT "textEn", "textZh" FROM "Claim" WHERE "retired" = FALSE ORDER BY "position" LIMIT 1')
  const word = claim!.textEn.split(/[^A-Za-z]+/).find((w) => w.length >= 7)!
  const zh = claim!.textZh.replace(/[^\p{Script=Han}]/gu, '').slice(0, 2)
  await page.goto('/browse')
  const counted = async () => {
    const [shown, total] = (await page.getByRole('heading', { level: 2, name: /^\d+ of \d+ cards?$/ }).innerText()).match(/\d+/g)!.map(Number)
    return { shown: shown!, total: total! }
  }
  for (const q of [word.toUpperCase(), zh]) {
    await page.getByRole('searchbox', { name: 'Search' }).fill(q)
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%/g, '%')}`))
    const { shown, total } = await counted()
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(total)
  }
  await page.getByRole('searchbox', { name: 'Search' }).fill('zzqqxx')
  await page.keyboard.press('Enter')
  await expect(page.getByText('No card matches these filters.')).toBeVisible()
})

test('the browser lists 50 cards a page: next and previous by keyboard, the filters kept, a change on page 2 stays on page 2', async ({ page, user: _user }) => {
  await page.goto('/browse?sort=position&dir=desc')
  const total = Number((await page.getByRole('heading', { level: 2, name: /^\d+ of \d+ cards$/ }).innerText()).split(' of ')[0])
  const pages = Math.ceil(total / 50)
  const list = page.locator('.browse-list > li')
  await expect(list).toHaveCount(50)
  await expect(page.getByText(`Page 1 of ${pages}: cards 1–50`)).toBeVisible()
  const pager = page.getByRole('navigation', { name: 'Pages of cards' })
  await expect(pager.getByRole('link', { name: 'Previous page' })).toHaveCount(0)
  const firstOfPageOne = await list.first().getByRole('link').innerText()
  await pager.getByRole('link', { name: 'Next page' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/[?&]page=2(&|$)/)
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/)
  await expect(page.getByLabel('Order')).toHaveValue('desc')
  await expect(page.getByText(`Page 2 of ${pages}: cards 51–100`)).toBeVisible()
  // Suspend the page's first card: the notice, and still page 2.
  const target = await list.first().getByRole('link').innerText()
  expect(target).not.toBe(firstOfPageOne)
  await list.first().getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Suspend' }).click()
  await expect(page.getByRole('status')).toContainText('1 card suspended.')
  await expect(page.getByText(`Page 2 of ${pages}: cards 51–100`)).toBeVisible()
  await expect(list.first().getByRole('link')).toHaveText(target)
  // The last page holds what is left; past it, a link shows the last page.
  await page.goto(`/browse?sort=position&dir=desc&page=${pages}`)
  await expect(list).toHaveCount(total - (pages - 1) * 50)
  await expect(pager.getByRole('link', { name: 'Next page' })).toHaveCount(0)
  await page.goto('/browse?page=999')
  await expect(page.getByText(`Page ${pages} of ${pages}: cards ${(pages - 1) * 50 + 1}–${total}`)).toBeVisible()
  await pager.getByRole('link', { name: 'Previous page' }).click()
  await expect(page.getByText(`Page ${pages - 1} of ${pages}`)).toBeVisible()
  // A new filter starts again at page 1.
  await page.getByRole('button', { name: 'Show cards' }).click()
  await expect(page).not.toHaveURL(/page=/)
  await expect(page.getByText(`Page 1 of ${pages}: cards 1–50`)).toBeVisible()
})

test('a tag on a section page links to the browser filtered by that tag', async ({ page, user: _user }) => {
  await page.goto('/sections/01')
  const tag = page.locator('a.tag').first()
  const name = (await tag.innerText()).trim()
  await tag.click()
  await expect(page).toHaveURL(new RegExp(`/browse\\?tag=${encodeURIComponent(name)}$`))
  await expect(page.getByLabel('Tag')).toHaveValue(name)
  const heading = await page.getByRole('heading', { level: 2, name: /^\d+ of \d+ cards?$/ }).innerText()
  const [shown, total] = heading.match(/\d+/g)!.map(Number)
  expect(shown).toBeGreaterThan(0)
  expect(shown).toBeLessThan(total!)
})

test('on a 390 px phone the browser and a card page fit the screen: no sideways scrolling, the actions in reach', async ({ page, context, user: _user }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await setNow(context, at(0))
  await page.goto('/review')
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await expect(page.getByText('All answers saved')).toBeVisible()
  for (const path of ['/browse', '/browse?state=learning']) {
    await page.goto(path)
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
  }
  await page.locator('.browse-list').getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Card info' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  const suspend = await page.getByRole('button', { name: 'Suspend' }).boundingBox()
  expect(suspend!.x + suspend!.width).toBeLessThanOrEqual(390)
})

test('"Clear the filters" clears every filter, the state one too (issue #31)', async ({ page, user: _user }) => {
  await page.goto('/browse')
  await page.getByLabel('State', { exact: true }).selectOption('new')
  await page.getByRole('searchbox', { name: 'Search' }).fill('scaling')
  await page.getByRole('button', { name: 'Show cards' }).click()
  await expect(page).toHaveURL(/state=new/)
  await expect(page.getByLabel('State', { exact: true })).toHaveValue('new')
  await page.getByRole('link', { name: 'Clear the filters' }).click()
  await expect(page).toHaveURL(/\/browse$/)
  await expect(page.getByLabel('State', { exact: true })).toHaveValue('')
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('')
})
