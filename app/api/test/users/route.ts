import { z } from 'zod'
import { auth } from '@/lib/server/auth'
import { testClockEnabled } from '@/lib/server/clock'
import { saveSettings } from '@/lib/data/settings'
import { fieldErrors, json, jsonError, withErrorBody } from '@/lib/server/api'
import { readJsonBody } from '@/lib/server/request-guard'
import { DISPLAY_LANGUAGES, DEFAULT_SETTINGS, INTERFACE_LANGUAGES, isTimeZone } from '@/lib/core/settings'

/**
 * POST /api/test/users: the end-to-end tests' fresh user, made by the app's own code (better-auth's sign-up and the
 * settings' save), on whichever database the server runs. Only on a server started with KEYCLAIMS_TEST_CLOCK=1,
 * which `npm start` refuses; anywhere else it is a 404 like any unknown path.
 */
const bodySchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'not a time zone').default('America/New_York'),
  displayLanguage: z.enum(DISPLAY_LANGUAGES).default('en'),
  interfaceLanguage: z.enum(INTERFACE_LANGUAGES).default('en'),
  newPerDay: z.number().int().min(0).max(500).default(DEFAULT_SETTINGS.newPerDay),
  maxReviewsPerDay: z.number().int().min(0).max(9999).default(DEFAULT_SETTINGS.maxReviewsPerDay),
  burySiblings: z.boolean().default(DEFAULT_SETTINGS.burySiblings),
  leechThreshold: z.number().int().min(1).max(99).default(DEFAULT_SETTINGS.leechThreshold),
})

export const POST = withErrorBody(async (request: Request) => {
  if (!testClockEnabled()) return jsonError(404, 'Not found.')
  const read = await readJsonBody(request)
  if (read instanceof Response) return read
  const parsed = bodySchema.safeParse(read.body)
  if (!parsed.success) return fieldErrors(parsed.error)
  const id = crypto.randomUUID().slice(0, 8)
  const person = { name: `Tester ${id.slice(0, 4)}`, email: `user-${id}@example.test`, password: `pw-${crypto.randomUUID().slice(0, 12)}` }
  // Each fixture user signs up from an address of its own (a benchmarking range no client has): the suite makes
  // more users a minute than one address may sign up (lib/core/auth-limits.ts), and it is not testing that limit.
  const headers = new Headers(request.headers)
  headers.set('x-forwarded-for', `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`)
  const response = await auth.api.signUpEmail({ body: person, headers, asResponse: true })
  if (!response.ok) return jsonError(500, `sign-up failed: ${response.status} ${await response.text()}`)
  const { user } = (await response.json()) as { user: { id: string } }
  const cookie = /better-auth\.session_token=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  if (!cookie) return jsonError(500, 'sign-up set no session cookie')
  await saveSettings(user.id, { ...DEFAULT_SETTINGS, ...parsed.data })
  return json({ id: user.id, ...person, cookie })
})
