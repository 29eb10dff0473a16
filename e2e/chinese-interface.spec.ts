/** A reader whose browser speaks Chinese uses Keyclaims in Chinese: sign-up, review, settings, every page. */
import { test, expect, setNow, createUser, signInAs, expectNoAxeViolations, query } from './fixtures'
import path from 'node:path'
import { englishWordsOnPage } from './english-words'
import { readDecks } from '../lib/deck/load'

const MORNING = '2026-03-02T14:00:00.000Z'

test.use({ locale: 'zh-CN' })

test('a Chinese browser signs up in Chinese, reviews two cards, reads settings in Chinese, switches to English and back', async ({ page, context }) => {
  await setNow(context, MORNING)
  await page.goto('/sign-up')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
  await expect(page.getByRole('heading', { level: 1, name: '创建你的账户' })).toBeVisible()
  const name = '林小雨'
  await page.getByLabel('名字').fill(name)
  await page.getByLabel('电子邮箱').fill(`lin-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`)
  await page.getByLabel('密码').fill('短')
  await page.getByRole('button', { name: '注册' }).click()
  // A rejected form says why in Chinese, next to the field.
  await expect(page.getByLabel('密码')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('密码')).toHaveAccessibleDescription('至少 8 个字符。 至少 8 个字符')
  await page.getByLabel('密码').fill('一个足够长的口令 correct horse')
  await page.getByRole('button', { name: '注册' }).click()

  await expect(page.getByRole('heading', { level: 1, name: `${name}，今天的复习` })).toBeVisible()
  // A newcomer's home says what a day looks like (the defaults) and leads to the first review.
  await expect(page.getByText('每天会有 20 张新卡片，学习步骤会让每张卡片回来，共回答 2 次：大约 40 次回答，约 15 分钟。')).toBeVisible()
  await expect(page.getByRole('list').filter({ hasText: '学习中' })).toHaveCount(0)
  expect(await englishWordsOnPage(page, [name])).toEqual([])
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: '开始第一次复习' }).click()

  // Two cards, with the grade buttons, their intervals and the claim in Chinese.
  await page.getByRole('button', { name: '显示答案' }).click()
  await expect(page.getByRole('button', { name: '重来，1分钟' })).toBeVisible()
  await expect(page.getByRole('button', { name: '困难，6分钟' })).toBeVisible()
  await expect(page.getByRole('button', { name: '良好，10分钟' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^简单，\d+天$/ })).toBeVisible()
  await expect(page.getByText('论点：')).toBeVisible()
  await expect(page.getByText('为什么重要：')).toBeVisible()
  await expect(page.getByRole('link', { name: /^第 \d\d 节：/ })).toBeVisible()
  expect(await englishWordsOnPage(page, [name])).toEqual([])
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: '良好，10分钟' }).click()
  await page.getByRole('button', { name: '显示答案' }).click()
  await page.keyboard.press('4')
  await expect(page.getByText('本次已答 2 张')).toBeVisible()
  await expect(page.getByText('答案已全部保存')).toBeVisible()

  // Settings: the interface language (from the browser) and the cards' language, both Chinese, each its own field.
  await page.getByRole('link', { name: '设置' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible()
  await expect(page).toHaveTitle('设置 · Keyclaims')
  await expect(page.getByLabel('界面语言')).toHaveValue('zh')
  await expect(page.getByLabel('卡片语言')).toHaveValue('zh')
  await expect(page.getByLabel('每天的新卡片数')).toHaveValue('20')
  expect(await englishWordsOnPage(page, [name])).toEqual([])
  await expectNoAxeViolations(page)

  // To English: the whole interface follows at once; the cards stay in Chinese.
  await page.getByLabel('界面语言').selectOption('en')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByLabel('Show cards in')).toHaveValue('zh')
  await page.getByRole('link', { name: 'Review' }).click()
  await page.getByRole('button', { name: 'Show answer' }).click()
  await expect(page.getByRole('button', { name: /^Good, \d+(\.\d)?[mhd]$/ })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2 }).first().locator('[lang="zh-Hans"]')).toBeVisible()
  await expect(page.getByText('Why it matters:')).toBeVisible()

  // And back to Chinese.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Interface language').selectOption('zh')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: '设置已保存。' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('界面语言')).toHaveValue('zh')
})

/** Makes a section's first basic card a review due now, last reviewed `stabilityDays` ago with that stability. */
async function dueReview(userId: string, stabilityDays: number): Promise<void> {
  const [card] = await query<{ id: string }>(`SELECT "id" FROM "Card" WHERE "kind" = 'basic' AND "retired" = FALSE ORDER BY "position" LIMIT 1`)
  const now = Date.parse(MORNING)
  await query(
    `INSERT INTO "CardState" ("userId", "cardId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "version", "updatedAt")
     VALUES (?, ?, ?, ?, 5, ?, ?, 0, 4, 0, 2, ?, 4, ?)`,
    // Written at its last review: an answer is refused if dated before the version it answers (issue #14).
    userId, card!.id, new Date(now - 3_600_000), stabilityDays, stabilityDays, stabilityDays, new Date(now - stabilityDays * 86_400_000), new Date(now - stabilityDays * 86_400_000),
  )
}

test('a long interval reads as months in both languages (2.1mo / 2.1个月), with the same number', async ({ page, context }) => {
  const user = await createUser({ interfaceLanguage: 'zh', displayLanguage: 'zh', newPerDay: 0 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await dueReview(user.id, 60)
  await page.goto('/review')
  await page.getByRole('button', { name: '显示答案' }).click()
  const zhLabel = await page.getByRole('button', { name: /^简单，/ }).locator('.interval').innerText()
  expect(zhLabel).toMatch(/^\d+(\.\d)?(个月|年)$/)

  await page.goto('/settings')
  await page.getByLabel('界面语言').selectOption('en')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  await page.goto('/review')
  await page.getByRole('button', { name: 'Show answer' }).click()
  const enLabel = await page.getByRole('button', { name: /^Easy, / }).locator('.interval').innerText()
  expect(enLabel).toMatch(/^\d+(\.\d)?(mo|y)$/)
  expect(Number.parseFloat(enLabel)).toBe(Number.parseFloat(zhLabel))
  expect(enLabel.endsWith('y')).toBe(zhLabel.endsWith('年'))

  // Back in Chinese with nothing left: the due date reads in Chinese, the same on the server and in the browser.
  await page.getByRole('button', { name: /^Easy, / }).click()
  await expect(page.getByText('All answers saved')).toBeVisible()
  await page.goto('/settings')
  await page.getByLabel('Interface language').selectOption('zh')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: '设置已保存。' })).toBeVisible()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto('/review')
  await expect(page.getByRole('heading', { name: '现在没有更多到期的卡片了' })).toBeVisible()
  await expect(page.getByText(/^下一张卡片将于 .+ 到期。$/)).toBeVisible()
  await expect(page.locator('time')).toHaveText(/\d+月\d+日/)
  await page.goto('/')
  await expect(page.getByText(/下一张卡片将于 .+ 到期。/)).toBeVisible()
  expect(errors).toEqual([])
})

test('every page in Chinese has no English outside the deck’s texts and a few names', async ({ page, context }) => {
  test.slow() // ten section pages with every card list opened
  // Dates and numbers are formatted on the server and again in the browser: they must agree (no hydration errors).
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const user = await createUser({ interfaceLanguage: 'zh', displayLanguage: 'zh' })
  await signInAs(context, user)
  await setNow(context, MORNING)
  const ignore = [user.name, user.email]
  const check = async (path: string) => {
    await page.goto(path)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
    expect(await englishWordsOnPage(page, ignore), path).toEqual([])
  }
  await check('/')
  await check('/deck')
  for (const id of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']) {
    await page.goto(`/sections/${id}`)
    if ((await page.getByRole('heading', { level: 1, name: '找不到页面' }).count()) > 0) continue
    // Every card list and every hidden answer opened.
    await page.getByRole('button', { name: '显示全部答案' }).click()
    // The tab's title holds the section's (deck's) title, which a title cannot mark with its own lang.
    const sectionTitle = await page.getByRole('heading', { level: 1 }).locator('[lang]').innerText()
    expect(await englishWordsOnPage(page, [...ignore, sectionTitle]), `/sections/${id}`).toEqual([])
  }
  await check('/review')
  await page.getByRole('button', { name: '显示答案' }).click()
  expect(await englishWordsOnPage(page, ignore), '/review, answer shown').toEqual([])
  // Answered, so the map, the claim's page and the statistics have states, dates and history to word.
  await page.getByRole('button', { name: /^良好，/ }).click()
  await expect(page.getByText('答案已全部保存')).toBeVisible()
  await check('/progress')
  await expect(page.getByText(/^已掌握 0 \/ \d+ 个论点$/)).toBeVisible()
  await page.getByRole('link', { name: /^学习中：/ }).first().click()
  await expect(page.getByText('状态：◐ 学习中')).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), 'a claim\'s progress page').toEqual([])
  await expectNoAxeViolations(page)
  await check('/statistics')
  for (const summary of await page.locator('summary').all()) await summary.click()
  await expect(page.getByText('过去一年里有 1 天学习，共答题 1 次；今天 1 次。')).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/statistics, tables open').toEqual([])
  // The card browser, its filters refused and an empty result, and the answered card's info and history.
  await check('/browse')
  await check('/browse?state=sideways&q=zzqqxx')
  await expect(page.getByText('没有卡片符合这些条件。', { exact: false })).toBeVisible()
  await check('/browse?state=learning')
  await page.locator('.browse-list').getByRole('link').first().click()
  for (const summary of await page.locator('summary').all()) await summary.click()
  await expect(page.getByRole('cell', { name: '复习', exact: true })).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), 'a card\'s info').toEqual([])
  // The quiz: its choices, a rejected choice, the quiz screen with the answer shown, and the results.
  await check('/quiz')
  // The other choices are behind "More options" (issue #31): opened, their words are checked too.
  await page.getByText('更多选项').click()
  expect(await englishWordsOnPage(page, ignore), '/quiz, more options').toEqual([])
  await page.getByRole('radio', { name: '选定的章节' }).check()
  await page.getByRole('button', { name: '开始自测' }).click()
  await expect(page.getByText('请至少选择一个章节')).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/quiz, rejected').toEqual([])
  await page.getByRole('radio', { name: '整篇访谈' }).check()
  await page.getByLabel('卡片数量上限（1–200）').fill('1')
  await page.getByRole('button', { name: '开始自测' }).click()
  await expect(page.getByText('第 1 张，共 1 张')).toBeVisible()
  await page.getByRole('button', { name: '显示答案' }).click()
  await expect(page.getByRole('button', { name: '重来', exact: true })).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/quiz/…, answer shown').toEqual([])
  await expectNoAxeViolations(page)
  await page.getByRole('button', { name: '重来', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '自测结果' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '没答好（1）' })).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/quiz/…, results').toEqual([])
  await expectNoAxeViolations(page)
  // Talks: the list, a refused form, a talk's plan and its summary.
  await check('/talks')
  await page.getByRole('button', { name: '创建演讲' }).click()
  await expect(page.getByText('请至少选择一个章节或标签')).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/talks, rejected').toEqual([])
  await page.getByLabel('标题').fill('年会演讲')
  await page.getByLabel('演讲日期').fill('2026-03-09')
  await page.getByRole('group', { name: '章节' }).getByRole('checkbox').first().check()
  await page.getByRole('button', { name: '创建演讲' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '年会演讲' })).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/talks/…').toEqual([])
  await page.getByRole('link', { name: '可打印的摘要' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '年会演讲：摘要' })).toBeVisible()
  expect(await englishWordsOnPage(page, ignore), '/talks/…/summary').toEqual([])
  await check('/settings')
  // A rejected save: the field errors are Chinese too.
  await page.getByLabel('每天的新卡片数').fill('-3')
  await page.getByLabel('新的一天从几点开始（0–23）').fill('25')
  await page.getByRole('button', { name: '保存设置' }).click()
  await expect(page.getByLabel('每天的新卡片数')).toHaveAccessibleDescription(/请输入 0 到 500 之间的整数/)
  await expect(page.getByLabel('新的一天从几点开始（0–23）')).toHaveAccessibleDescription(/请输入 0 到 23 之间的整数/)
  expect(await englishWordsOnPage(page, ignore), '/settings, rejected').toEqual([])
  await check('/account')
  await page.getByRole('button', { name: '删除我的账户…' }).click()
  await page.getByRole('button', { name: '永久删除账户' }).click()
  await expect(page.getByLabel('请输入“删除”以确认')).toHaveAttribute('aria-invalid', 'true')
  expect(await englishWordsOnPage(page, ignore), '/account, delete asked').toEqual([])
  await expectNoAxeViolations(page)
  await check('/no-such-page')
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([])
})

test('a visitor with a Chinese browser reads the public pages and a refused sign-in in Chinese', async ({ page }) => {
  for (const path of ['/sign-in', '/sign-up', '/', '/deck', '/sections/01']) {
    await page.goto(path)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans')
    const ignore = path === '/sections/01' ? [await page.getByRole('heading', { level: 1 }).locator('[lang]').innerText()] : []
    expect(await englishWordsOnPage(page, ignore), `visitor ${path}`).toEqual([])
  }
  await page.goto('/sign-in')
  await page.getByLabel('电子邮箱').fill('nobody@example.test')
  await page.getByLabel('密码').fill('not the password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '邮箱或密码不正确。' })).toBeVisible()
  expect(await englishWordsOnPage(page, ['nobody@example.test'])).toEqual([])
  await expectNoAxeViolations(page)
})

test('a visitor whose browser prefers English gets English, whatever else it lists', async ({ browser }) => {
  const visitor = await browser.newPage({ locale: 'en-GB', extraHTTPHeaders: { 'Accept-Language': 'en-GB,zh;q=0.5' } })
  await visitor.goto('/sign-in')
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'en')
  await expect(visitor.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await visitor.close()
})

test('the review screen’s progress, shortcuts list, finish line and phone menu are all in Chinese', async ({ page, context }) => {
  const user = await createUser({ interfaceLanguage: 'zh', displayLanguage: 'zh', newPerDay: 2 })
  await signInAs(context, user)
  await setNow(context, MORNING)
  await page.goto('/review')
  await expect(page.getByText('今天：已完成 0 · 剩余 2')).toBeVisible()
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: '键盘快捷键' })
  await expect(dialog.getByRole('cell', { name: '显示答案' })).toBeVisible()
  expect(await englishWordsOnPage(page, [user.name])).toEqual([])
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: '显示答案' }).click()
    await page.getByRole('button', { name: /^简单，/ }).click()
  }
  await expect(page.getByRole('heading', { level: 2, name: '现在没有更多到期的卡片了' })).toBeVisible()
  const summary = page.getByRole('region', { name: '今天到目前为止' })
  await expect(summary).toContainText('2 张卡片，共回答 2 次')
  await expect(summary).toContainText(/用时\d+ 分 \d+ 秒/)
  await expect(summary).toContainText('忘记没有')
  await expect(page.getByText('今天：已完成 2 · 剩余 0')).toBeVisible()
  expect(await englishWordsOnPage(page, [user.name])).toEqual([])

  await page.setViewportSize({ width: 390, height: 844 })
  const menu = page.getByRole('button', { name: /^菜单/ })
  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('link', { name: '复习' })).toHaveAttribute('aria-current', 'page')
  for (const name of ['首页', '阅读', '自测', '进度', '统计', '演讲', '浏览', '设置', '账户']) await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  expect(await englishWordsOnPage(page, [user.name])).toEqual([])
})

test('a Chinese visitor reads the deck\'s section titles, speakers and tags in Chinese on the landing and a section page', async ({ page }) => {
  const [source] = await readDecks(path.join(process.cwd(), 'data'))
  const deck = source!.deck
  const englishTitles = deck.sections.map((s) => s.title.en)
  const noEnglishTitle = async () => {
    const text = await page.locator('body').innerText()
    expect(englishTitles.filter((title) => text.includes(title))).toEqual([])
  }

  await page.goto('/')
  // Positive control: every section is listed, by its Chinese title.
  for (const s of deck.sections) await expect(page.getByRole('link', { name: `${s.id}. ${s.title.zh}`, exact: true })).toBeVisible()
  await noEnglishTitle()
  const speakersLine = page.locator('p').filter({ hasText: deck.speakers.at(-1)!.zh })
  for (const speaker of deck.speakers) {
    await expect(speakersLine).toContainText(speaker.zh)
    await expect(speakersLine).not.toContainText(speaker.en)
  }
  expect(await englishWordsOnPage(page)).toEqual([])
  await expectNoAxeViolations(page)

  const section = deck.sections[0]!
  await page.getByRole('link', { name: `${section.id}. ${section.title.zh}`, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `${section.id}. ${section.title.zh}` })).toBeVisible()
  await noEnglishTitle()
  const claim = section.claims[0]!
  const article = page.locator('article').filter({ has: page.locator(`[id="${claim.id}-title"]`) })
  const speaker = deck.speakers.find((s) => s.en === claim.speaker)!
  await expect(article).toContainText(speaker.zh)
  await expect(article).not.toContainText(speaker.en)
  for (const tag of claim.tags) {
    // The tag shows its Chinese name and keeps its slug in the link.
    const link = article.getByRole('link', { name: deck.tags[tag]!.zh, exact: true })
    await expect(link).toHaveAttribute('href', `/browse?tag=${encodeURIComponent(tag)}`)
    await expect(link.locator('[lang]')).toHaveAttribute('lang', 'zh-Hans')
  }
  const tagLinks = await page.locator('a.tag').allInnerTexts()
  expect(tagLinks.length).toBeGreaterThan(0)
  expect(tagLinks.filter((text) => /[A-Za-z]/.test(text))).toEqual([])
  await expectNoAxeViolations(page)
})
