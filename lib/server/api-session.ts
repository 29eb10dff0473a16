/**
 * The signed-in user for the JSON routes (queue, grading, export), on the hot path of every review. It reads the
 * same signed cookie better-auth sets — "<token>.<base64 HMAC-SHA256(secret, token)>" — verifies the signature
 * with the same secret, and looks the session up in one indexed read, instead of better-auth's getSession (two
 * Prisma queries, ~1 ms; see docs/performance.md). Pages keep using better-auth's getSession, which also renews
 * sessions. The e2e tests sign up through the real form and then call these routes, so a change in better-auth's
 * cookie format fails them.
 */
import 'server-only'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { NextRequest } from 'next/server'
import { userOfSessionToken, type SessionUser } from '../data/sessions'

const COOKIE_NAMES = ['better-auth.session_token', '__Secure-better-auth.session_token']

/** The session token of a signed cookie value, or null when the signature does not verify. */
export function verifySignedToken(cookieValue: string, secret: string): string | null {
  let value: string
  try {
    value = decodeURIComponent(cookieValue)
  } catch {
    return null
  }
  const dot = value.lastIndexOf('.')
  if (dot <= 0) return null
  const token = value.slice(0, dot)
  const given = Buffer.from(value.slice(dot + 1), 'base64')
  const expected = createHmac('sha256', secret).update(token).digest()
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null
}

/**
 * Cookie values whose signature verified, with their token: a signature that verified once always does under the
 * same secret, and the HMAC was the largest of the session check's own costs in a profile of the grading load. Only
 * the signature is remembered; the session itself (expired, signed out) is read on every request.
 */
const VERIFIED_MAX = 10_000
const verified = new Map<string, string>()
let verifiedSecret: string | undefined

function verifiedToken(cookieValue: string, secret: string): string | null {
  if (secret !== verifiedSecret) {
    verified.clear()
    verifiedSecret = secret
  }
  const known = verified.get(cookieValue)
  if (known !== undefined) return known
  const token = verifySignedToken(cookieValue, secret)
  if (token) {
    if (verified.size >= VERIFIED_MAX) verified.clear()
    verified.set(cookieValue, token)
  }
  return token
}

/** The signed-in user of a route handler's request (its own cookies; see nowFromCookies in ./clock for why). */
export async function apiUser(request: NextRequest, now: Date): Promise<SessionUser | null> {
  const secret = process.env.BETTER_AUTH_SECRET
  if (!secret) return null
  const jar = request.cookies
  for (const name of COOKIE_NAMES) {
    const value = jar.get(name)?.value
    if (!value) continue
    const token = verifiedToken(value, secret)
    if (token) return userOfSessionToken(token, now)
  }
  return null
}
