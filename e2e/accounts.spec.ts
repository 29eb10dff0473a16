import { randomUUID } from 'node:crypto'
import { test, expect, createUser, countRows } from './fixtures'
import { test as visitorTest } from '@playwright/test'

visitorTest('a person signs up, signs out, signs in, changes the password and deletes the account', async ({ page }) => {
  const email = `signup-${randomUUID().slice(0, 8)}@example.test`
  await page.goto('/sign-up')
  await page.getByLabel('Name').fill('Ada Reader')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Sign up' }).click()
  // The field says what is wrong (the hint under it says "At least 8 characters." all along: wait for the error).
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/At least 8 characters\. At least 8 characters/)
  await expect(page.getByLabel('Email')).toHaveValue(email) // a rejected form keeps what was typed

  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Today, Ada Reader' })).toBeVisible()
  const userId = await countRows('SELECT COUNT(*) FROM "user" WHERE "email" = ?', email)
  expect(userId).toBe(1)
  // The account takes the browser's time zone (the context's, playwright.config.ts), filled in as the form hydrates.
  expect(await countRows('SELECT COUNT(*) FROM "UserSettings" s JOIN "user" u ON u."id" = s."userId" WHERE u."email" = ? AND s."timeZone" = ?', email, 'America/New_York')).toBe(1)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('wrong password here')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Today, Ada Reader' })).toBeVisible()

  await page.getByRole('link', { name: 'Account' }).click()
  await page.getByLabel('Current password').fill('correct horse battery')
  await page.getByLabel('New password', { exact: true }).fill('a new long passphrase')
  await page.getByLabel('Repeat the new password').fill('a new long passphrase')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your password was changed' })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible() // the old password no longer works
  await page.getByLabel('Password').fill('a new long passphrase')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Today, Ada Reader' })).toBeVisible()

  // Some data to delete: one review.
  await page.goto('/review')
  await page.getByRole('button', { name: 'Show answer' }).click()
  await page.getByRole('button', { name: /^Easy, / }).click()
  await expect(page.getByText('All answers saved')).toBeVisible()
  const id = (await page.request.get('/api/export').then((r) => r.json())).user.id as string
  expect(await countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', id)).toBe(1)

  await page.goto('/account')
  await page.getByRole('button', { name: 'Delete my account…' }).click()
  await page.getByLabel('Your password').fill('a new long passphrase')
  await page.getByRole('button', { name: 'Delete account permanently' }).click()
  await expect(page.getByLabel('Type "delete" to confirm')).toHaveAttribute('aria-invalid', 'true')
  expect(await countRows('SELECT COUNT(*) FROM "user" WHERE "id" = ?', id)).toBe(1) // asked twice: nothing deleted yet
  await page.getByLabel('Your password').fill('a new long passphrase')
  await page.getByLabel('Type "delete" to confirm').fill('delete')
  await page.getByRole('button', { name: 'Delete account permanently' }).click()
  await expect(page.getByText('Your account and all its data were deleted.')).toBeVisible()
  for (const table of ['user', 'session', 'account']) {
    expect(await countRows(`SELECT COUNT(*) FROM "${table}" WHERE ${table === 'user' ? '"id"' : '"userId"'} = ?`, id)).toBe(0)
  }
  for (const table of ['ReviewLog', 'CardState', 'UserSettings']) {
    expect(await countRows(`SELECT COUNT(*) FROM "${table}" WHERE "userId" = ?`, id)).toBe(0)
  }
})

visitorTest('a visitor is sent to sign in, and back to the page they wanted', async ({ page, context }) => {
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings/)
  const user = await createUser()
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/settings$/)
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
  expect((await context.request.get('/api/queue')).status()).toBe(200)
})

visitorTest('the API answers 401 without a session', async ({ request }) => {
  expect((await request.get('/api/export')).status()).toBe(401)
  expect((await request.get('/api/queue')).status()).toBe(401)
  expect((await request.post('/api/reviews', { data: {} })).status()).toBe(401)
})

test('a second user cannot read the first user\'s export', async ({ page, user, browser }) => {
  await page.goto('/review')
  await page.keyboard.press('Space')
  await page.keyboard.press('4')
  await expect(page.getByText('All answers saved')).toBeVisible()
  const mine = await (await page.request.get('/api/export')).json()
  expect(mine.user.id).toBe(user.id)
  expect(mine.reviewLogs).toHaveLength(1)

  const other = await createUser()
  const otherContext = await browser.newContext()
  await otherContext.addCookies([{ name: 'better-auth.session_token', value: other.cookie, domain: '127.0.0.1', path: '/' }])
  const theirs = await (await otherContext.request.get('/api/export')).json()
  expect(theirs.user.id).toBe(other.id)
  expect(theirs.reviewLogs).toHaveLength(0)
  expect(theirs.cardStates).toHaveLength(0)
  expect(JSON.stringify(theirs)).not.toContain(user.id)
  await otherContext.close()
})

// axe on every page, in both languages and both colour schemes: e2e/accessibility.spec.ts.

visitorTest('password guessing is slowed: after 5 wrong passwords each try waits longer, even with the right one', async ({ page }) => {
  const user = await createUser()
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(user.email)
  // 5 wrong guesses are answered; after that each try waits 1 s, 2 s, 4 s … after the last wrong one. Keep
  // guessing until 8 have been answered "do not match": the next try must then wait 8 s.
  let wrong = 0
  for (let i = 0; wrong < 8; i++) {
    await page.getByLabel('Password').fill(`wrong-guess-${i}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // The answer has come when the form is reset (passwords are never given back).
    await expect(page.getByLabel('Password')).toHaveValue('')
    const alert = page.getByRole('alert').filter({ hasText: /do not match|Too many attempts/ })
    await expect(alert).toBeVisible()
    if (/do not match/.test((await alert.textContent()) ?? '')) wrong++
    else expect(wrong).toBeGreaterThanOrEqual(5)
  }
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // The form says when to try again.
  await expect(page.getByRole('alert').filter({ hasText: /Too many attempts\. Try again in \d second/ })).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
})
