/**
 * Each hole found by probing the running server from outside (issue #13), as a probe against the production build.
 * The e2e server trusts ::1 as a proxy (scripts/e2e-server.ts): `post(…, { client })` connects over IPv6 and names the
 * client in X-Forwarded-For, as a real proxy would; requests to 127.0.0.1 come from an untrusted socket.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { test, expect, type APIRequestContext } from '@playwright/test'
import { createUser, countRows, signInAs, type TestUser } from './fixtures'
import { E2E_BASE_URL, E2E_PORT } from './env'

const PROXIED_BASE = `http://[::1]:${E2E_PORT}`

/** A client address of this test's own, so no other test shares its counters. */
const someClient = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`

type Probe = { path: string; data: unknown; cookie?: string; client?: string; headers?: Record<string, string> }

/** POST to the auth API, from 127.0.0.1 (no `client`) or through the trusted proxy on behalf of `client`. */
function post(request: APIRequestContext, { path, data, cookie, client, headers = {} }: Probe) {
  const base = client ? PROXIED_BASE : E2E_BASE_URL
  return request.post(`${base}${path}`, {
    data,
    headers: {
      // better-auth checks the host and the origin against the site's; the proxy forwards both.
      Host: `127.0.0.1:${E2E_PORT}`,
      Origin: E2E_BASE_URL,
      ...(client ? { 'X-Forwarded-For': client } : {}),
      ...(cookie ? { Cookie: `better-auth.session_token=${cookie}` } : {}),
      ...headers,
    },
    maxRedirects: 0,
  })
}

const signInProbe = (user: Pick<TestUser, 'email'>, password: string, client?: string): Probe => ({
  path: '/api/auth/sign-in/email',
  data: { email: user.email, password },
  client,
})

async function expectRefusedForAWhile(response: Awaited<ReturnType<typeof post>>) {
  expect(response.status()).toBe(429)
  const retryAfterSeconds = Number(response.headers()['retry-after'])
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1)
  expect((await response.json()).message).toMatch(/^Too many attempts\. Try again in \d+ (second|minute)s?\.$/)
  return retryAfterSeconds
}

test.describe('password guessing', () => {
  // The first wait is 1 s of the real clock (the counters are global, so these tests cannot take the test clock:
  // its clean-up would delete other tests' counters), and a request slowed by the other worker's password hashing
  // has outlasted it now and then. A retry makes a new user and new clients; a real hole fails every try.
  test.describe.configure({ retries: 2 })
  test('a new X-Forwarded-For on every request does not lift the limit', async ({ request }) => {
    const user = await createUser()
    for (let i = 0; i < 5; i++) {
      const response = await post(request, { ...signInProbe(user, `wrong-${i}`), headers: { 'X-Forwarded-For': someClient() } })
      expect(response.status()).toBe(401)
    }
    const sixth = await post(request, { ...signInProbe(user, user.password), headers: { 'X-Forwarded-For': someClient() } })
    await expectRefusedForAWhile(sixth)
  })

  test('API sign-in: 5 failures, then each try waits, twice as long each time', async ({ request }) => {
    const user = await createUser()
    const client = someClient()
    for (let i = 0; i < 5; i++) expect((await post(request, signInProbe(user, `wrong-${i}`, client))).status()).toBe(401)
    expect(await expectRefusedForAWhile(await post(request, signInProbe(user, user.password, client)))).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await post(request, signInProbe(user, 'wrong-6', client))).status()).toBe(401)
    expect(await expectRefusedForAWhile(await post(request, signInProbe(user, user.password, client)))).toBe(2)
  })

  test('the right person signs in while others hammer their email', async ({ page, request }) => {
    const user = await createUser()
    // Three attackers guess until refused: 5 each for the first two; past 10 on the email, the third is slowed
    // after its first. Every one of them is then refused, even with the right password.
    const answered: number[] = []
    for (const attacker of [someClient(), someClient(), someClient()]) {
      let guesses = 0
      for (let i = 0; i < 5; i++) {
        const response = await post(request, signInProbe(user, `guess-${attacker}-${i}`, attacker))
        if (response.status() === 429) break
        expect(response.status()).toBe(401)
        guesses++
      }
      answered.push(guesses)
      await expectRefusedForAWhile(await post(request, signInProbe(user, user.password, attacker)))
    }
    expect(answered).toEqual([5, 5, 1])
    // The person, from a client of their own that has not been failing, signs in through the form.
    await page.goto('/sign-in')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Today, ${user.name}` })).toBeVisible()
    // And through the API from another client.
    expect((await post(request, signInProbe(user, user.password, someClient()))).status()).toBe(200)
  })

  test('one address may check 30 passwords a minute, across 200 emails', async ({ request }) => {
    const client = someClient()
    const statuses: number[] = []
    // 20 at a time, as a sprayer would (and so the run stays well inside the minute): the checks are counted in
    // one transaction each, so concurrency lets no extra one through.
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => post(request, signInProbe({ email: `spray-${randomUUID().slice(0, 8)}@example.test` }, 'Spring2026!', client))),
      )
      for (const response of responses) {
        statuses.push(response.status())
        if (response.status() === 429) expect(Number(response.headers()['retry-after'])).toBeGreaterThanOrEqual(1)
      }
    }
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([])
    expect(statuses.filter((s) => s === 401)).toHaveLength(30)
    expect(statuses.filter((s) => s === 429)).toHaveLength(170)
    // Sign-up hashes a password too: it shares the same budget.
    const signUp = await post(request, { path: '/api/auth/sign-up/email', data: { name: 'Spray', email: `spray-${randomUUID().slice(0, 8)}@example.test`, password: 'a long unusual passphrase' }, client })
    await expectRefusedForAWhile(signUp)
  })

  test('change-password: 5 wrong current passwords, then it waits', async ({ request }) => {
    const user = await createUser()
    const client = someClient()
    const change = (currentPassword: string): Probe => ({ path: '/api/auth/change-password', data: { currentPassword, newPassword: 'a new long passphrase' }, cookie: user.cookie, client })
    for (let i = 0; i < 5; i++) {
      const response = await post(request, change(`wrong-${i}`))
      expect(response.status()).toBe(400)
      expect((await response.json()).code).toBe('INVALID_PASSWORD')
    }
    await expectRefusedForAWhile(await post(request, change(user.password)))
  })

  test('delete-user: 5 wrong passwords, then it waits, and the account stays', async ({ request }) => {
    const user = await createUser()
    const client = someClient()
    const remove = (password: string): Probe => ({ path: '/api/auth/delete-user', data: { password }, cookie: user.cookie, client })
    for (let i = 0; i < 5; i++) expect((await post(request, remove(`wrong-${i}`))).status()).toBe(400)
    await expectRefusedForAWhile(await post(request, remove(user.password)))
    expect(await countRows('SELECT COUNT(*) FROM "user" WHERE "id" = ?', user.id)).toBe(1)
  })
})

test.describe('account deletion', () => {
  test('the API refuses to delete an account without its password', async ({ request }) => {
    const user = await createUser()
    for (const data of [{}, { password: '' }, { callbackURL: '/' }]) {
      const response = await post(request, { path: '/api/auth/delete-user', data, cookie: user.cookie, client: someClient() })
      expect(response.status()).toBe(400)
      expect((await response.json()).message).toContain('needs its password')
    }
    const byLink = await request.get(`${E2E_BASE_URL}/api/auth/delete-user/callback?token=x`, { headers: { Cookie: `better-auth.session_token=${user.cookie}` }, maxRedirects: 0 })
    expect(byLink.status()).toBe(404)
    expect(await countRows('SELECT COUNT(*) FROM "user" WHERE "id" = ?', user.id)).toBe(1)
  })
})

test.describe('fields on the API are bounded like the forms', () => {
  const signUp = (data: Record<string, unknown>, request: APIRequestContext) =>
    post(request, { path: '/api/auth/sign-up/email', data: { name: 'Ada Reader', password: 'a long unusual passphrase', ...data }, client: someClient() })
  const stored = (email: string) => countRows('SELECT COUNT(*) FROM "user" WHERE "email" = ?', email)

  test('a 20 MB name is refused and nothing is stored', async ({ request }) => {
    const email = `big-${randomUUID().slice(0, 8)}@example.test`
    const response = await signUp({ email, name: 'a'.repeat(20 * 1024 * 1024) }, request)
    expect([400, 413]).toContain(response.status())
    expect(await stored(email)).toBe(0)
  })

  test('names, emails and images the forms would refuse are refused, naming the field', async ({ request }) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'a'.repeat(101) }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ image: 'javascript:alert(document.cookie)' }, 'image'],
      [{ image: 'https://example.test/me.png' }, 'image'],
      [{ password: 'password' }, 'password'],
      [{ password: '12345678' }, 'password'],
      [{ password: 'x'.repeat(129) }, 'password'],
      // Issue #32: control characters and text-direction overrides in a name, a password of spaces only.
      [{ name: 'Ada\u0007Lovelace' }, 'name'],
      [{ name: 'Ada\u202eecalevoL' }, 'name'],
      [{ name: '\u2066Ada\u2069' }, 'name'],
      [{ password: ' '.repeat(12) }, 'password'],
    ]
    for (const [data, field] of cases) {
      const email = `field-${randomUUID().slice(0, 8)}@example.test`
      const response = await signUp({ email, ...data }, request)
      expect(response.status(), JSON.stringify(data).slice(0, 80)).toBe(400)
      expect((await response.json()).field).toBe(field)
      expect(await stored(email)).toBe(0)
    }
    const longLocal = `${'a'.repeat(300)}@example.test`
    const response = await signUp({ email: longLocal }, request)
    expect(response.status()).toBe(400)
    expect((await response.json()).field).toBe('email')
    expect(await stored(longLocal)).toBe(0)
  })

  test('a signed-in user cannot set an image or an empty or long name', async ({ request }) => {
    const user = await createUser()
    for (const data of [{ image: 'javascript:alert(1)' }, { name: '' }, { name: 'b'.repeat(101) }, { name: 'Eve\u202e' }]) {
      const response = await post(request, { path: '/api/auth/update-user', data, cookie: user.cookie, client: someClient() })
      expect(response.status()).toBe(400)
    }
    expect(await countRows('SELECT COUNT(*) FROM "user" WHERE "id" = ? AND "image" IS NULL AND "name" = ?', user.id, user.name)).toBe(1)
  })

  test('change-password refuses a common new password', async ({ request }) => {
    const user = await createUser()
    const response = await post(request, { path: '/api/auth/change-password', data: { currentPassword: user.password, newPassword: 'iloveyou1' }, cookie: user.cookie, client: someClient() })
    expect(response.status()).toBe(400)
    expect((await response.json()).field).toBe('newPassword')
  })

  test('the sign-up form says a common password is refused', async ({ page }) => {
    const email = `common-${randomUUID().slice(0, 8)}@example.test`
    await page.goto('/sign-up')
    await page.getByLabel('Name').fill('Ada Reader')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('password1')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/list of common passwords/)
    expect(await stored(email)).toBe(0)
  })
})

test.describe('next after signing in', () => {
  const offSite = ['/\t/evil.example', '//evil.example', '/\\evil.example', '\\\\evil.example', '/%2F%2Fevil.example', '%2F%2Fevil.example', 'https://evil.example', '/\uff0f\uff0fevil.example', '/\n/evil.example', '/.//evil.example', '/..//evil.example', '/x/..//evil.example']

  test('a signed-in visitor sent to sign in with an off-site next stays on the site', async ({ page, context }) => {
    await signInAs(context, await createUser())
    for (const next of offSite) {
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`)
      expect(new URL(page.url()).origin, next).toBe(E2E_BASE_URL)
      expect(new URL(page.url()).pathname, next).toBe('/')
    }
  })

  test('the sign-in form never carries an off-site next', async ({ page }) => {
    for (const next of offSite) {
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`)
      await expect(page.locator('input[name="next"]')).toHaveValue('/')
    }
  })

  // The browser resolves `/.//evil.example` (and the others) to `//evil.example`: another site (issue #32).
  for (const next of ['/\t/evil.example', '/.//evil.example', '/..//evil.example', '/x/..//evil.example']) {
    test(`signing in with next=${JSON.stringify(next)} lands on the home page`, async ({ page }) => {
      const user = await createUser()
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`)
      await page.getByLabel('Email').fill(user.email)
      await page.getByLabel('Password').fill(user.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('heading', { level: 1, name: `Today, ${user.name}` })).toBeVisible()
      expect(page.url()).toBe(`${E2E_BASE_URL}/`)
    })
  }

  test('signing up with next=/x/..//evil.example lands on the home page', async ({ page }) => {
    await page.goto(`/sign-up?next=${encodeURIComponent('/x/..//evil.example')}`)
    await page.getByLabel('Name').fill('Ada')
    await page.getByLabel('Email').fill(`ada-${randomUUID().slice(0, 8)}@example.test`)
    await page.getByLabel('Password').fill(`pw-${randomUUID()}`)
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Today, Ada' })).toBeVisible()
    expect(page.url()).toBe(`${E2E_BASE_URL}/`)
  })

  test('an action called with next=/.//evil.example directly still redirects on the site', async ({ page }) => {
    // The hidden field is filled from safeNext too; this posts the form with the field changed, as a script could.
    const user = await createUser()
    await page.goto('/sign-in')
    await page.locator('input[name="next"]').evaluate((input: HTMLInputElement) => (input.value = '/.//evil.example'))
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Today, ${user.name}` })).toBeVisible()
    expect(page.url()).toBe(`${E2E_BASE_URL}/`)
  })
})

test.describe('security headers', () => {
  test('pages send a nonce CSP with no foreign script; the API does not pay for it', async ({ request, page }) => {
    const first = await request.get('/sign-in')
    const policy = first.headers()['content-security-policy'] ?? ''
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'/)
    expect(first.headers()['x-content-type-options']).toBe('nosniff')
    expect(first.headers()['referrer-policy']).toBe('same-origin')
    // Issue #32: no window.opener across sites, and no camera, microphone or location for any page.
    for (const path of ['/sign-in', '/', '/deck', '/sections/01', '/no-such-page']) {
      const headers = (await request.get(path, { maxRedirects: 0 })).headers()
      expect(headers['cross-origin-opener-policy'], path).toBe('same-origin')
      expect(headers['permissions-policy'], path).toBe('camera=(), microphone=(), geolocation=()')
    }
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]
    const html = await first.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const second = await request.get('/sign-in')
    expect(second.headers()['content-security-policy']).not.toBe(policy) // a fresh nonce per page

    const health = await request.get('/api/health')
    expect(health.headers()['content-security-policy']).toBeUndefined()
    expect(health.headers()['x-content-type-options']).toBe('nosniff')

    // The page works under its policy: nothing refused, and the form's script runs (client-side validation state).
    const refused: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
    })
    await page.goto('/sign-up')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')
    expect(refused).toEqual([])
  })

  test('no page does anything its policy refuses, zod’s probe for eval included', async ({ page, context }) => {
    // securitypolicyviolation fires for what the console does not show: an eval tried inside a try (zod's probe).
    await page.addInitScript(() => {
      const refused: string[] = []
      ;(window as unknown as { __refused: string[] }).__refused = refused
      addEventListener('securitypolicyviolation', (e) => refused.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))
    })
    const user = await createUser()
    await signInAs(context, user)
    for (const path of ['/', '/review', '/quiz', '/progress', '/statistics', '/talks', '/browse', '/sections/01', '/settings', '/deck', '/account']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const refused = await page.evaluate(() => (window as unknown as { __refused: string[] }).__refused)
      expect(refused, path).toEqual([])
    }
    await context.clearCookies()
    for (const path of ['/sign-in', '/sign-up', '/']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      expect(await page.evaluate(() => (window as unknown as { __refused: string[] }).__refused), path).toEqual([])
    }
  })

  test('HSTS only over HTTPS, and only a trusted proxy can say it was HTTPS', async ({ request }) => {
    const viaProxy = await request.get(`${PROXIED_BASE}/sign-in`, { headers: { Host: `127.0.0.1:${E2E_PORT}`, 'X-Forwarded-For': someClient(), 'X-Forwarded-Proto': 'https' } })
    expect(viaProxy.headers()['strict-transport-security']).toMatch(/^max-age=\d{8,}/)
    const spoofed = await request.get('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } })
    expect(spoofed.headers()['strict-transport-security']).toBeUndefined()
    expect((await request.get('/sign-in')).headers()['strict-transport-security']).toBeUndefined()
  })
})

test.describe('better-auth routes the app does not use are not served (issue #32)', () => {
  test('verify-email with an off-site callbackURL is a 404, not a redirect', async ({ request }) => {
    const response = await request.get(`/api/auth/verify-email?token=x&callbackURL=${encodeURIComponent('/.//evil.example')}`, { maxRedirects: 0 })
    expect(response.status()).toBe(404)
    expect(response.headers().location).toBeUndefined()
  })

  test('every route the app does not use answers 404, with a session or without', async ({ request }) => {
    const user = await createUser()
    const unused: [string, string, unknown?][] = [
      ['GET', '/verify-email?token=x'],
      ['GET', '/reset-password/abc?callbackURL=/'],
      ['GET', '/delete-user/callback?token=x'],
      ['GET', '/callback/github?code=x&state=y'],
      ['GET', '/list-accounts'],
      ['GET', '/account-info'],
      ['GET', '/error?error=x'],
      ['POST', '/verify-password', { password: user.password }],
      ['POST', '/send-verification-email', { email: user.email, callbackURL: '/' }],
      ['POST', '/request-password-reset', { email: user.email, redirectTo: '/' }],
      ['POST', '/reset-password', { newPassword: 'a long unusual passphrase', token: 'x' }],
      ['POST', '/change-email', { newEmail: `moved-${randomUUID().slice(0, 6)}@example.test` }],
      ['POST', '/sign-in/social', { provider: 'github', callbackURL: '/' }],
      ['POST', '/link-social', { provider: 'github' }],
      ['POST', '/unlink-account', { providerId: 'credential' }],
      ['POST', '/update-session', {}],
      ['POST', '/refresh-token', { providerId: 'github' }],
      ['POST', '/get-access-token', { providerId: 'github' }],
      ['POST', '/list-sessions', {}],
    ]
    for (const cookie of [undefined, user.cookie]) {
      for (const [method, path, data] of unused) {
        const headers = { Origin: E2E_BASE_URL, ...(cookie ? { Cookie: `better-auth.session_token=${cookie}` } : {}) }
        const response = method === 'GET' ? await request.get(`/api/auth${path}`, { headers, maxRedirects: 0 }) : await request.post(`/api/auth${path}`, { headers, data, maxRedirects: 0 })
        expect(response.status(), `${method} ${path}`).toBe(404)
      }
    }
    // The positive control: the routes the app does use still answer.
    const session = await request.get('/api/auth/get-session', { headers: { Cookie: `better-auth.session_token=${user.cookie}` } })
    expect(session.status()).toBe(200)
    expect((await session.json()).user.id).toBe(user.id)
  })

  test('verify-password, once outside every limit, is not served: 62 guesses check nothing', async ({ request }) => {
    const user = await createUser()
    const headers = { Origin: E2E_BASE_URL, Cookie: `better-auth.session_token=${user.cookie}` }
    const answers = await Promise.all(Array.from({ length: 62 }, (_, i) => request.post('/api/auth/verify-password', { headers, data: { password: `guess-${i}` } })))
    expect(answers.map((a) => a.status())).toEqual(Array(62).fill(404))
  })

  for (const callbackURL of ['/.//evil.example', '/x/..//evil.example', '//evil.example', 'https://evil.example/', '/settings\u0100']) {
    test(`sign-in with callbackURL ${JSON.stringify(callbackURL)} is refused (400, or 403 from better-auth) and starts no session`, async ({ request }) => {
      const user = await createUser()
      const sessionsBefore = await countRows('SELECT COUNT(*) FROM "session" WHERE "userId" = ?', user.id)
      const response = await post(request, { path: '/api/auth/sign-in/email', data: { email: user.email, password: user.password, callbackURL }, client: someClient() })
      // better-auth's own check refuses another origin first (403); what it lets through, ours refuses (400).
      if (callbackURL.startsWith('//') || callbackURL.startsWith('https:')) expect(response.status()).toBe(403)
      else {
        expect(response.status()).toBe(400)
        expect(await response.json()).toMatchObject({ code: 'INVALID_FIELD', field: 'callbackURL' })
      }
      expect(response.headers().location).toBeUndefined()
      expect(await countRows('SELECT COUNT(*) FROM "session" WHERE "userId" = ?', user.id)).toBe(sessionsBefore)
    })
  }

  test('sign-in with a callbackURL to one of the app pages still signs in', async ({ request }) => {
    const user = await createUser()
    const response = await post(request, { path: '/api/auth/sign-in/email', data: { email: user.email, password: user.password, callbackURL: '/settings' }, client: someClient() })
    expect(response.status()).toBe(200)
  })
})
