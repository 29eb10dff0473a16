/**
 * What a keyboard or screen-reader user depends on beyond axe's rules: where focus goes after a refused form, that
 * each status is spoken once, the skip link; and axe itself on every page, in both languages and both colour schemes.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Page } from '@playwright/test'
import { test, expect, createUser, signInAs, setNow, expectNoAxeViolations } from './fixtures'
import { E2E_DB_PATH, E2E_SECRET } from './env'

const MORNING = '2026-03-02T14:00:00.000Z'

/**
 * Records what screen readers would announce: the text of a live region (aria-live, status, alert, log) each time
 * nodes are added to it or its text changes after the page has loaded, as a list on window.__said.
 */
async function recordAnnouncements(page: Page) {
  await page.addInitScript(() => {
    const said: string[] = []
    ;(window as unknown as { __said: string[] }).__said = said
    const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'
    const last = new WeakMap<Element, string>()
    let loaded = false
    const regionOf = (node: Node | null): Element | null => (node ? (node instanceof Element ? node : node.parentElement)?.closest(live) ?? null : null)
    new MutationObserver((records) => {
      const added = new Set<Element>()
      const touched = new Set<Element>()
      for (const record of records) {
        const region = regionOf(record.target)
        if (region) (record.addedNodes.length > 0 ? added : touched).add(region)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          if (node.matches(live)) added.add(node)
          node.querySelectorAll(live).forEach((inner) => added.add(inner))
        }
      }
      for (const region of new Set([...added, ...touched])) {
        const text = (region.textContent ?? '').replace(/\s+/g, ' ').trim()
        if (loaded && text && (added.has(region) || last.get(region) !== text)) said.push(text)
        last.set(region, text)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true })
    addEventListener('DOMContentLoaded', () => (loaded = true))
  })
}

const announcements = (page: Page) => page.evaluate(() => (window as unknown as { __said: string[] }).__said)

test('a refused sign-up says one thing per field and puts focus on the first field in error', async ({ page }) => {
  await page.goto('/sign-up')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByLabel('Name')).toBeFocused()
  await expect(page.getByLabel('Name')).toHaveAccessibleDescription('Enter your name')
  // One sentence, not "Enter your email Enter an email like name@example.com".
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email')
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('At least 8 characters. At least 8 characters')

  await page.getByLabel('Name').fill('Ana')
  await page.getByLabel('Email').fill('ana@')
  await page.getByLabel('Password').fill('long enough passphrase')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByLabel('Email')).toBeFocused()
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter an email like name@example.com')
  await expect(page.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true')
  // Typing goes straight into the field in error.
  await page.keyboard.type('example.test')
  await expect(page.getByLabel('Email')).toHaveValue('ana@example.test')
})

test('a refused sign-in is announced once, focus goes to the password to type again, and the page says what to do about a forgotten one', async ({ page }) => {
  await recordAnnouncements(page)
  const user = await createUser()
  await page.goto('/sign-in')
  await expect(page.getByText('Keyclaims sends no email')).toBeVisible()
  await expect(page.getByText('npm run reset-password -- name@example.com')).toBeVisible()
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toHaveText('That email and password do not match an account.')
  await expect(page.getByLabel('Password')).toBeFocused()
  // The same refusal again is a new answer: read again, once.
  await page.keyboard.type('still not it')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Password')).toHaveValue('')
  await expect(page.getByLabel('Password')).toBeFocused()
  expect((await announcements(page)).filter((s) => /do not match/.test(s))).toHaveLength(2)
})

test('an administrator resets a forgotten password with npm run reset-password; the old one stops working', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'sqlite', 'the command runs against the SQLite e2e database')
  test.slow() // tsx starting the script, under the other worker's load
  const user = await createUser()
  const child = promisify(execFile)('npm', ['run', '-s', 'reset-password', '--', user.email], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: `file:${E2E_DB_PATH}`, BETTER_AUTH_SECRET: E2E_SECRET },
  })
  child.child.stdin!.end('a password set by the admin\n')
  const { stdout } = await child
  expect(stdout).toContain(`new password set for ${user.email}; signed out on every device (1 session ended)`)

  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toHaveText('That email and password do not match an account.')
  await page.getByLabel('Password').fill('a password set by the admin')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Today, ${user.name}` })).toBeVisible()
})

test('settings: a refused save focuses the field in error; a save is announced once and focus returns to its button', async ({ page, user }) => {
  await recordAnnouncements(page)
  await page.goto('/settings')
  const hour = page.getByLabel('New day starts at (hour, 0–23)')
  await hour.fill('25')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(hour).toBeFocused()
  await expect(hour).toHaveAttribute('aria-invalid', 'true')
  await hour.fill('5')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeFocused()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect.poll(async () => (await announcements(page)).filter((s) => s === 'Settings saved.').length).toBe(2)
  expect(user.id).toBeTruthy()
})

test('reviewing: each card is announced once, and saving is not announced at all while it is quick', async ({ page, context, user }) => {
  await recordAnnouncements(page)
  await setNow(context, MORNING)
  await page.goto('/review')
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Show answer' }).click()
    await page.keyboard.press('3')
  }
  await expect(page.getByText('3 answered this session')).toBeVisible()
  await expect(page.getByText('All answers saved')).toBeVisible()
  await page.getByRole('button', { name: 'Show answer' }).waitFor()
  const said = await announcements(page)
  // Question, answer, question, answer … and nothing else: no "Saving 1…", no "All answers saved" after each card.
  expect(said.map((s) => s.split(':')[0])).toEqual(['Question', 'Answer', 'Question', 'Answer', 'Question', 'Answer', 'Question'])
  expect(new Set(said).size).toBe(said.length)
  expect(user.id).toBeTruthy()
})

test('reviewing: an answer the server is slow to take is announced once as still saving, and once as saved', async ({ page, context, user }) => {
  await recordAnnouncements(page)
  await setNow(context, MORNING)
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/reviews', async (route) => {
    await released
    await route.continue()
  })
  await page.goto('/review')
  await page.getByRole('button', { name: 'Show answer' }).click()
  await page.keyboard.press('3')
  await page.getByRole('button', { name: 'Show answer' }).click()
  await page.keyboard.press('4')
  await expect(page.getByRole('status').filter({ hasText: 'Still saving 2 answers' })).toBeAttached({ timeout: 8000 })
  await page.waitForTimeout(1500) // it is not repeated while the answers wait
  release()
  await expect(page.getByText('All answers saved')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'The answers that were waiting are saved.' })).toBeAttached()
  const aboutSaving = (await announcements(page)).filter((s) => !/^(Question|Answer):/.test(s))
  expect(aboutSaving).toEqual(['Still saving 2 answers: they are kept and sent again until the server has them.', 'The answers that were waiting are saved.'])
  expect(user.id).toBeTruthy()
})

test('the skip link is the first stop of the keyboard and moves focus to the page’s content', async ({ page, user }) => {
  await page.goto('/deck')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.locator('main')).toBeFocused()
  // The next Tab lands inside the content, past the navigation.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true)
  expect(user.id).toBeTruthy()
})

test('account deletion opens and closes by keyboard, focus going where the person is', async ({ page, user }) => {
  await page.goto('/account')
  const open = page.getByRole('button', { name: 'Delete my account…' })
  await open.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Your password')).toBeFocused()
  await page.getByRole('button', { name: 'Keep my account' }).focus()
  await page.keyboard.press('Enter')
  await expect(open).toBeFocused()
  expect(user.id).toBeTruthy()
})

test('a newcomer’s first look: a favicon, the deck page headed by its deck, the gap in the section numbers said, a titled 404', async ({ page, request }) => {
  const icon = await request.get('/icon.svg')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toContain('image/svg+xml')
  await page.goto('/deck')
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /\/icon\.svg/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ilya Sutskever, November 2023: from AlexNet to superalignment')
  await expect(page.getByText('Sections keep the transcript’s numbers, and it has no section 05.')).toBeVisible()
  await page.goto('/')
  await expect(page.getByText('Sections keep the transcript’s numbers, and it has no section 05.')).toBeVisible()
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await expect(page).toHaveTitle('Page not found · Keyclaims')
})

test('on a 390 px phone a claim’s number and a cloze card’s label stay on the line of their text', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/sections/01')
  const heading = page.getByRole('heading', { level: 3 }).first()
  await expect(heading).toHaveText(/^1\. Before AlexNet/)
  // The top of the "1." and of the claim's first word: the same line.
  const [numberTop, textTop] = await heading.evaluate((h3) => {
    const range = document.createRange()
    range.selectNodeContents(h3.firstChild!)
    const text = h3.querySelector('[lang]')!
    return [range.getClientRects()[0]!.top, text.getClientRects()[0]!.top]
  })
  expect(Math.abs(numberTop - textTop)).toBeLessThan(2)
  // A cloze card's label ("Cloze 1") and its text: the same line (the answer now waits behind "Show answer").
  const item = page.locator('.card-list li').filter({ hasText: /^Cloze \d/ }).first()
  const [labelTop, clozeTop] = await item.evaluate((li) => {
    const range = document.createRange()
    range.selectNodeContents(li.firstChild!)
    return [range.getClientRects()[0]!.top, li.querySelector('.inline-text')!.getClientRects()[0]!.top]
  })
  expect(Math.abs(labelTop - clozeTop)).toBeLessThan(2)
})

for (const language of ['en', 'zh'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${language === 'en' ? 'English' : 'Chinese'} interface, ${colorScheme} scheme`, () => {
      test.use({ locale: language === 'en' ? 'en-US' : 'zh-CN', colorScheme })

      test('axe finds no violations on any page, signed in and out, forms refused included', async ({ page, context }) => {
        // ~30 axe runs over every page: minutes on a loaded 2-core machine (3 min ran out there), so 6.
        test.setTimeout(360_000)
        await setNow(context, MORNING)
        const user = await createUser({ interfaceLanguage: language, displayLanguage: language })
        await signInAs(context, user)
        const words =
          language === 'en'
            ? { show: 'Show answer', save: 'Save settings', signUp: 'Sign up', newPerDay: 'New cards per day', title: 'Title', talkDate: 'Talk date', createTalk: 'Create talk', summary: 'Printable summary', quizLength: 'Most cards in the quiz (1–200)', moreOptions: 'More options', startQuiz: 'Start quiz', quizResults: 'Quiz results' }
            : { show: '显示答案', save: '保存设置', signUp: '注册', newPerDay: '每天的新卡片数', title: '标题', talkDate: '演讲日期', createTalk: '创建演讲', summary: '可打印的摘要', quizLength: '卡片数量上限（1–200）', moreOptions: '更多选项', startQuiz: '开始自测', quizResults: '自测结果' }
        for (const path of ['/', '/deck', '/progress', '/statistics', '/sections/01', '/account', '/browse', '/browse?state=sideways&q=zzqqxx', '/browse?page=2', '/quiz', '/review']) {
          await page.goto(path)
          await expectNoAxeViolations(page)
        }
        // A claim's page, from the interview map.
        await page.goto('/progress')
        await page.locator('.claim-squares a').first().click()
        await expect(page).toHaveURL(/\/progress\/.+/)
        await expectNoAxeViolations(page)
        // A quiz of one card: its question answered, then its results.
        await page.goto('/quiz')
        await page.getByText(words.moreOptions).click()
        await page.getByLabel(words.quizLength).fill('1')
        await page.getByRole('button', { name: words.startQuiz }).click()
        await page.getByRole('button', { name: words.show }).click()
        await expectNoAxeViolations(page)
        await page.keyboard.press('3')
        await expect(page.getByRole('heading', { level: 1, name: words.quizResults })).toBeVisible()
        await expectNoAxeViolations(page)
        await page.goto('/browse')
        await page.locator('.browse-list').getByRole('link').first().click()
        await expect(page.getByRole('heading', { level: 1, name: language === 'en' ? 'Card info' : '卡片详情' })).toBeVisible()
        // Suspended from its page: the change's notice, Undo, and (the card now has a state) the reset confirmation.
        await page.getByRole('button', { name: language === 'en' ? 'Suspend' : '暂停' }).click()
        await expect(page.getByRole('status').filter({ hasText: language === 'en' ? '1 card suspended.' : '已暂停 1 张卡片。' })).toBeVisible()
        await page.getByText(language === 'en' ? 'Reset to new…' : '重置为新卡片…').click()
        await expect(page.getByRole('button', { name: language === 'en' ? 'Yes, reset this card to new' : '确定，把这张卡片重置为新卡片' })).toBeVisible()
        await expectNoAxeViolations(page)
        await page.goto('/review')
        await page.getByRole('button', { name: words.show }).click()
        await expectNoAxeViolations(page)
        // The shortcuts dialog (issue #16), then the finish line of a day with one card.
        await page.keyboard.press('?')
        await expect(page.getByRole('dialog')).toBeVisible()
        await expectNoAxeViolations(page)
        await page.keyboard.press('Escape')
        const oneCard = await createUser({ interfaceLanguage: language, displayLanguage: language, newPerDay: 1 })
        await signInAs(context, oneCard)
        await page.goto('/review')
        await page.getByRole('button', { name: words.show }).click()
        await page.keyboard.press('4')
        await expect(page.locator('#done-heading')).toBeFocused()
        await expectNoAxeViolations(page)
        // The phone's navigation menu, open.
        await page.setViewportSize({ width: 390, height: 844 })
        await page.getByRole('button', { name: language === 'en' ? /^Menu/ : /^菜单/ }).click()
        await expect(page.getByRole('navigation').getByRole('link').first()).toBeVisible()
        await expectNoAxeViolations(page)
        await page.setViewportSize({ width: 1280, height: 720 })
        await signInAs(context, user)
        await page.goto('/settings')
        await expectNoAxeViolations(page)
        await page.getByRole('textbox', { name: words.newPerDay }).fill('-1')
        await page.getByRole('button', { name: words.save }).click()
        await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1)
        await expectNoAxeViolations(page)
        // Talks: the list and its form refused, a talk's plan, its printable summary.
        await page.goto('/talks')
        await expectNoAxeViolations(page)
        await page.getByRole('button', { name: words.createTalk }).click()
        await expect(page.locator('[aria-invalid="true"]')).toHaveCount(2)
        await expectNoAxeViolations(page)
        await page.getByLabel(words.title).fill('Talk')
        await page.getByLabel(words.talkDate).fill('2026-03-09')
        await page.getByRole('checkbox').first().check()
        await page.getByRole('button', { name: words.createTalk }).click()
        await expect(page.getByRole('heading', { level: 1, name: 'Talk' })).toBeVisible()
        await expectNoAxeViolations(page)
        await page.getByRole('link', { name: words.summary }).click()
        await expectNoAxeViolations(page)
        await context.clearCookies()
        for (const path of ['/sign-in', '/sign-up', '/', '/sections/09', '/no-such-page']) {
          await page.goto(path)
          await expect(page.locator('html')).toHaveAttribute('lang', language === 'en' ? 'en' : 'zh-Hans')
          await expectNoAxeViolations(page)
        }
        await page.goto('/sign-up')
        await page.getByRole('button', { name: words.signUp }).click()
        await expect(page.locator('[aria-invalid="true"]')).toHaveCount(3)
        await expectNoAxeViolations(page)
      })
    })
  }
}
