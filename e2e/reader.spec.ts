import { test, expect, setNow, countRows, createUser, signInAs, expectNoAxeViolations } from './fixtures'

// A Monday morning in New York (EST): 09:00 local on 2 March 2026.
const MORNING = '2026-03-02T14:00:00.000Z'
const at = (minutes: number) => new Date(Date.parse(MORNING) + minutes * 60_000).toISOString()

test('reads section 01 to its first area, answers its cards (one Again, back in the next area), finds them in the reviews and the log, and continues after a reload', async ({ page, context, user }) => {
  test.setTimeout(240_000) // two areas answered card by card, a few reloads: minutes on a loaded machine
  await setNow(context, MORNING)
  await page.goto('/')
  // Before any reading, the home page offers to start it.
  await page.getByRole('link', { name: 'Read the interview' }).last().click()
  await expect(page).toHaveURL(/\/read$/)
  await page.getByRole('link', { name: /^01\. / }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Passage 1 of \d+$/ })).toBeVisible()

  // Each marker links to its claim's page, named by the claim.
  const marker = page.locator('#passage-1 sup.claim-marker a').first()
  await expect(marker).toHaveAccessibleName(/^Claim 1: .+/)
  await expect(marker).toHaveAttribute('href', /^\/progress\/s01-/)

  const first = page.getByRole('region', { name: 'Cards on passage 1' })
  const inFirst = await page.locator('#passage-1 .passage-text sup.claim-marker').count()
  expect(inFirst).toBeGreaterThanOrEqual(2)
  await first.getByRole('button', { name: `Answer these ${inFirst} cards` }).click()
  // Keyboard alone from here: Space shows the answer, 1 = Again, 3 = Good.
  for (let i = 0; i < inFirst; i++) {
    await expect(first.getByText(/^New card · /)).toBeVisible()
    await page.keyboard.press('Space')
    await expect(first.getByRole('button', { name: /^Again, 1m$/ })).toBeVisible()
    await page.keyboard.press(i === 0 ? '1' : '3')
    if (i === 0) await expect(first.getByRole('status').filter({ hasText: 'Answered Again: next in 1m. It comes back in the next passage’s cards once its step is over.' })).toBeVisible()
  }
  await expect(first.getByText(`${inFirst} cards answered here.`)).toBeVisible()
  await expect(first.getByRole('status').filter({ hasText: 'Answered Good: next in 10m.' })).toBeVisible()
  await expect.poll(() => countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "kind" = \'review\'', user.id)).toBe(inFirst)
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "rating" = 1', user.id)).toBe(1)

  // Two minutes on, the card forgotten in the first area is in the second one's cards.
  await setNow(context, at(2))
  await page.reload()
  const second = page.getByRole('region', { name: 'Cards on passage 2' })
  await expect(second.getByText('1 card you forgot above comes back here.')).toBeVisible()
  await expect(first.getByText('in your reviews —').first()).toBeVisible()
  const inSecond = await page.locator('#passage-2 .passage-text sup.claim-marker').count()
  await second.getByRole('button', { name: `Answer these ${inSecond + 1} cards` }).click()
  for (let i = 0; i < inSecond + 1; i++) {
    // The passage's new cards first, then the one forgotten above, in learning.
    await expect(second.getByText(i < inSecond ? /^New card · / : /^Learning · /)).toBeVisible()
    await page.keyboard.press('Space')
    await expect(second.getByRole('button', { name: /^Good, / })).toBeVisible()
    await page.keyboard.press('3')
  }
  await expect(second.getByText(`${inSecond + 1} cards answered here.`)).toBeVisible()
  await expect.poll(() => countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ? AND "kind" = \'review\'', user.id)).toBe(inFirst + inSecond + 1)

  // The place was kept as the passages were read.
  await expect.poll(() => countRows('SELECT COUNT(*) FROM "ReadingPlace" WHERE "userId" = ?', user.id)).toBe(1)
  // In the review queue's learning cards: the home page counts them, and the review screen gives them when due.
  await page.goto('/')
  await expect(page.getByRole('list').filter({ hasText: 'learning' })).toContainText(`${inFirst + inSecond} learning`)
  // "Continue reading" leads on, after a reload too.
  await page.reload()
  const goOn = page.getByRole('link', { name: 'Continue reading' })
  await expect(goOn).toHaveAttribute('href', /^\/read\/01\?deck=sutskever-2023-11#passage-\d+$/)
  await setNow(context, at(15))
  await page.goto('/review')
  await expect(page.getByText(/^Learning · /)).toBeVisible()
})

test('the new-card limit reached inside an area: it says so and offers to keep reading', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 1 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/read/01')
  // A slow connection: the area's read, made when the area opens, is held until its card has been answered, so it
  // says "1 new card left" after the answer took it. It must not undo the answer on screen: the page reads again
  // once the answer is sent (a second read, which the test waits for).
  let releaseFirstRead!: () => void
  const firstReadHeld = new Promise<void>((resolve) => (releaseFirstRead = resolve))
  let secondReadDone!: () => void
  const secondRead = new Promise<void>((resolve) => (secondReadDone = resolve))
  let reads = 0
  await page.route('**/api/reading?*', async (route) => {
    const read = ++reads
    const response = await route.fetch()
    if (read === 1) await firstReadHeld
    await route.fulfill({ response })
    if (read === 2) secondReadDone()
  })
  const first = page.getByRole('region', { name: 'Cards on passage 1' })
  // One new card left today: the area offers that one.
  await first.getByRole('button', { name: 'Answer this card' }).click()
  await first.getByRole('button', { name: 'Show answer' }).click()
  await first.getByRole('button', { name: /^Good, 10m$/ }).click()
  const limitReached = first.getByText('Today’s limit of 1 new card is reached (Settings → New cards per day): these cards wait for another day.')
  await expect(limitReached).toBeVisible()
  releaseFirstRead()
  await Promise.race([secondRead, new Promise((_, reject) => setTimeout(() => reject(new Error('the areas were not read again after the answer')), 20_000))])
  await expect(first.getByRole('button', { name: 'Show answer' })).toHaveCount(0)
  await expect(limitReached).toBeVisible()
  await first.getByRole('button', { name: 'Keep reading without answering' }).click()
  await expect(page).toHaveURL(/#passage-2$/)
  await expect(page.getByRole('region', { name: 'Cards on passage 2' }).getByText('Today’s limit of 1 new card is reached', { exact: false })).toBeVisible()
  await expect.poll(() => countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(1)
  await page.unrouteAll({ behavior: 'ignoreErrors' })
})

test('"Keep reading" out of the section waits for the answer still being sent, saying so, then goes on', async ({ page, context }) => {
  const user = await createUser({ newPerDay: 1 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/read/01')
  // The section's last area: "Keep reading" leads to the next section, another page.
  const last = page.getByRole('region', { name: /^Cards on passage \d+$/ }).last()
  await last.scrollIntoViewIfNeeded()
  // The answer is held on its way to the server until the test lets it go.
  let releaseAnswer!: () => void
  const answerHeld = new Promise<void>((resolve) => (releaseAnswer = resolve))
  let answerSeen!: () => void
  const answerSent = new Promise<void>((resolve) => (answerSeen = resolve))
  await page.route('**/api/reviews', async (route) => {
    answerSeen()
    await answerHeld
    await route.continue()
  })
  await last.getByRole('button', { name: /^Answer (this card|these \d+ cards)$/ }).click()
  await last.getByRole('button', { name: 'Show answer' }).click()
  await last.getByRole('button', { name: /^Good, 10m$/ }).click()
  await answerSent
  const here = page.url()
  await last.getByRole('button', { name: 'Keep reading', exact: true }).click()
  // Still here, saying it is saving; the page leaves once the answer is saved.
  await expect(last.getByText(/Saving 1…/)).toBeVisible()
  expect(page.url()).toBe(here)
  releaseAnswer()
  await expect(page).toHaveURL(/\/read\/02\?deck=sutskever-2023-11$/)
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(1)
})

test('both languages side by side on a 390-px phone, the area in reach, axe; without JavaScript the text reads', async ({ browser, page, context }) => {
  test.setTimeout(240_000) // axe twice over a long page
  const user = await createUser({ displayLanguage: 'both' })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/read/01')
  const passage = page.locator('#passage-1')
  await expect(passage.locator('.passage-text[lang="en"]')).toBeVisible()
  await expect(passage.locator('.passage-text[lang="zh-Hans"]')).toBeVisible()
  await expectNoAxeViolations(page)

  const first = page.getByRole('region', { name: 'Cards on passage 1' })
  await first.getByRole('button', { name: /^Answer these \d+ cards$/ }).click()
  await page.keyboard.press('Space')
  // The grade buttons sit in the phone's bottom bar, in reach of the thumb.
  for (const name of [/^Again, /, /^Hard, /, /^Good, /, /^Easy, /]) await expect(first.getByRole('button', { name })).toBeInViewport()
  await expectNoAxeViolations(page)

  // A claim's page leads to its place in the reading.
  const claimId = (await passage.locator('sup.claim-marker[id]').first().getAttribute('id'))!.replace(/^read-/, '')
  await page.goto(`/progress/${claimId}`)
  await page.getByRole('link', { name: 'In the reading' }).click()
  await expect(page).toHaveURL(new RegExp(`/read/01\\?deck=sutskever-2023-11#read-${claimId}$`))

  const noScript = await browser.newContext({ javaScriptEnabled: false })
  await signInAs(noScript, user)
  const plain = await noScript.newPage()
  await plain.goto(`${new URL(page.url()).origin}/read/01`)
  await expect(plain.locator('#passage-1 .passage-text[lang="en"] p').first()).toBeVisible()
  // The areas say they need JavaScript, in a <noscript> (Chromium's no-script emulation still parses it as text, so
  // its words are read from the page's HTML), and offer no button that could not work.
  expect(await plain.locator('#passage-1 noscript').textContent()).toContain('Answering cards here needs JavaScript; the text above reads without it')
  await expect(plain.getByRole('button', { name: /^Answer / })).toHaveCount(0)
  await noScript.close()
})

test('in Chinese, a visitor reads the text and is asked to sign in to answer', async ({ browser }) => {
  const zh = await browser.newContext({ locale: 'zh-CN' })
  const page = await zh.newPage()
  await page.goto(`${test.info().project.use.baseURL}/read/01`)
  await expect(page.getByRole('heading', { level: 2, name: /^第 1 段，共 \d+ 段$/ })).toBeVisible()
  await expect(page.locator('#passage-1 .passage-text[lang="zh-Hans"]')).toBeVisible()
  await expect(page.getByRole('region', { name: '第 1 段的卡片' }).getByRole('link', { name: '登录' })).toBeVisible()
  await expectNoAxeViolations(page)
  await zh.close()
})
