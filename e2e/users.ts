/**
 * Users made directly in a database, with a session cookie signed as better-auth signs it: for the e2e fixtures
 * and the HTTP load test (sign-ups count against the per-address limit on password checks, and neither is testing sign-up).
 */
import Database from 'better-sqlite3'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'

export type DirectUser = { id: string; name: string; email: string; password: string; cookie: string }
export type DirectUserOptions = { timeZone?: string; displayLanguage?: string; interfaceLanguage?: string; newPerDay?: number; withPassword?: boolean }

/** better-auth's signed cookie value: "<token>.<base64 HMAC-SHA256 of the token>", URL-encoded. */
export function signedCookieValue(token: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64')
  return encodeURIComponent(`${token}.${signature}`)
}

export async function insertUser(dbPath: string, secret: string, options: DirectUserOptions = {}): Promise<DirectUser> {
  const id = randomUUID()
  const email = `user-${id.slice(0, 8)}@example.test`
  const password = `pw-${randomBytes(6).toString('hex')}`
  const name = `Tester ${id.slice(0, 4)}`
  const token = randomBytes(24).toString('base64url')
  const now = Date.now()
  // Hashing is slow (scrypt) and only the sign-in tests need it.
  const hash = options.withPassword === false ? null : await (await import('better-auth/crypto')).hashPassword(password)
  const sqlite = new Database(dbPath)
  sqlite.pragma('busy_timeout = 5000')
  try {
    sqlite.transaction(() => {
      sqlite.prepare('INSERT INTO "user" (id, name, email, emailVerified, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?)').run(id, name, email, now, now)
      sqlite.prepare('INSERT INTO "account" (id, accountId, providerId, userId, password, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)').run(randomUUID(), id, 'credential', id, hash, now, now)
      sqlite.prepare('INSERT INTO "session" (id, expiresAt, token, createdAt, updatedAt, userId) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), now + 30 * 86_400_000, token, now, now, id)
      sqlite
        .prepare('INSERT INTO "UserSettings" (userId, timeZone, rolloverHour, displayLanguage, interfaceLanguage, newPerDay, updatedAt) VALUES (?, ?, 4, ?, ?, ?, ?)')
        .run(id, options.timeZone ?? 'America/New_York', options.displayLanguage ?? 'en', options.interfaceLanguage ?? 'en', options.newPerDay ?? 20, now)
    })()
  } finally {
    sqlite.close()
  }
  return { id, name, email, password, cookie: signedCookieValue(token, secret) }
}
