/**
 * Fresh users for the end-to-end tests (POST /api/test/users), the HTTP benchmark and the crash test, made by the
 * app's own code: better-auth's sign-up (password hashed, account and session rows as a real sign-up writes them)
 * and the settings' save, on the process's database (lib/db/prisma: DATABASE_URL when first imported) and with its
 * BETTER_AUTH_SECRET. Never behind a route `npm start` serves: the route answers 404 without the test clock.
 */
import 'server-only'
import { z } from 'zod'
import { auth } from './auth'
import { saveSettings } from '../data/settings'
import { DEFAULT_SETTINGS, DISPLAY_LANGUAGES, INTERFACE_LANGUAGES, isTimeZone, SETTING_BOUNDS } from '../core/settings'

const bounded = (key: 'newPerDay' | 'maxReviewsPerDay' | 'leechThreshold') =>
  z.number().int().min(SETTING_BOUNDS[key].min).max(SETTING_BOUNDS[key].max).default(DEFAULT_SETTINGS[key])

/** The settings a test user starts with; everything else is the default. A zone of its own by default: not UTC. */
export const testUserOptionsSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'not a time zone').default('America/New_York'),
  displayLanguage: z.enum(DISPLAY_LANGUAGES).default('en'),
  interfaceLanguage: z.enum(INTERFACE_LANGUAGES).default('en'),
  newPerDay: bounded('newPerDay'),
  maxReviewsPerDay: bounded('maxReviewsPerDay'),
  burySiblings: z.boolean().default(DEFAULT_SETTINGS.burySiblings),
  leechThreshold: bounded('leechThreshold'),
})

export type TestUserOptions = z.input<typeof testUserOptionsSchema>

/** `cookie`: the value of better-auth's session cookie (better-auth.session_token), signed, as the sign-up set it. */
export type TestUser = { id: string; name: string; email: string; password: string; cookie: string }

/**
 * Signs a new person up and saves their settings. `headers` are the request's, when a route asks (better-auth reads
 * the host from them); a script passes none. Throws when the sign-up fails or sets no session cookie.
 */
export async function createTestUser(options: TestUserOptions = {}, headers: HeadersInit = { host: '127.0.0.1' }): Promise<TestUser> {
  const settings = testUserOptionsSchema.parse(options)
  const id = crypto.randomUUID().slice(0, 8)
  const person = { name: `Tester ${id.slice(0, 4)}`, email: `user-${id}@example.test`, password: `pw-${crypto.randomUUID().slice(0, 12)}` }
  // Each test user signs up from an address of its own (a benchmarking range no client has): the suites make more
  // users a minute than one address may sign up (lib/core/auth-limits.ts), and none of them is testing that limit.
  const signUpHeaders = new Headers(headers)
  signUpHeaders.set('x-forwarded-for', `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`)
  const response = await auth.api.signUpEmail({ body: person, headers: signUpHeaders, asResponse: true })
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`)
  const { user } = (await response.json()) as { user: { id: string } }
  const cookie = /better-auth\.session_token=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  if (!cookie) throw new Error('sign-up set no session cookie')
  await saveSettings(user.id, { ...DEFAULT_SETTINGS, ...settings })
  return { id: user.id, ...person, cookie }
}
