import { testClockEnabled } from '@/lib/server/clock'
import { fieldErrors, json, jsonError, withErrorBody } from '@/lib/server/api'
import { readJsonBody } from '@/lib/server/request-guard'
import { createTestUser, testUserOptionsSchema } from '@/lib/server/test-users'

/**
 * POST /api/test/users: the end-to-end tests' fresh user (lib/server/test-users.ts, which the benchmarks and the
 * crash test call directly), on whichever database the server runs. Only on a server started with
 * KEYCLAIMS_TEST_CLOCK=1, which `npm start` refuses; anywhere else it is a 404 like any unknown path.
 */
export const POST = withErrorBody(async (request: Request) => {
  if (!testClockEnabled()) return jsonError(404, 'Not found.')
  const read = await readJsonBody(request)
  if (read instanceof Response) return read
  const parsed = testUserOptionsSchema.safeParse(read.body)
  if (!parsed.success) return fieldErrors(parsed.error)
  try {
    return json(await createTestUser(parsed.data, request.headers))
  } catch (err) {
    return jsonError(500, err instanceof Error ? err.message : String(err))
  }
})
