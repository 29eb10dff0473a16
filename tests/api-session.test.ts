import { describe, expect, it } from 'vitest'
import { serializeSignedCookie } from 'better-call'
import { verifySignedToken } from '../lib/server/api-session'

const SECRET = 'a-secret-for-this-test-0123456789abcdef'

/** The cookie value exactly as better-auth's router (better-call) writes it. */
async function betterAuthCookieValue(token: string, secret: string): Promise<string> {
  const header = await serializeSignedCookie('better-auth.session_token', token, secret, {})
  return /^better-auth\.session_token=([^;]*)/.exec(header)![1]!
}

describe('verifySignedToken', () => {
  it('accepts the session cookie better-auth signs, and returns its token', async () => {
    const value = await betterAuthCookieValue('tok3nWithDots.and-dashes', SECRET)
    expect(verifySignedToken(value, SECRET)).toBe('tok3nWithDots.and-dashes')
  })

  it('refuses a cookie signed with another secret, a changed token, or no signature', async () => {
    const value = await betterAuthCookieValue('abc', SECRET)
    expect(verifySignedToken(value, 'another-secret-0123456789abcdef012345')).toBeNull()
    expect(verifySignedToken(value.replace(/^abc/, 'abd'), SECRET)).toBeNull()
    expect(verifySignedToken('abc', SECRET)).toBeNull()
    expect(verifySignedToken('%E0%A4%A', SECRET)).toBeNull() // not even URL-encoded properly
  })
})
