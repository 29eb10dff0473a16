/**
 * "Now" enters at the edge and flows down as an argument. For end-to-end tests only, a server started with
 * KEYCLAIMS_TEST_CLOCK=1 (which `npm start` refuses) reads the instant from the request's `kc-test-now` cookie,
 * so each test fixes its own time without touching the others.
 */
import 'server-only'
import { cookies } from 'next/headers'

export const TEST_CLOCK_COOKIE = 'kc-test-now'

export function testClockEnabled(): boolean {
  return process.env.KEYCLAIMS_TEST_CLOCK === '1'
}

export async function requestNow(): Promise<Date> {
  if (testClockEnabled()) {
    const value = (await cookies()).get(TEST_CLOCK_COOKIE)?.value
    if (value) {
      const fixed = new Date(decodeURIComponent(value))
      if (!Number.isNaN(fixed.getTime())) return fixed
    }
  }
  return new Date()
}
