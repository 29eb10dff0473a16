/** The grading API, through the real server: every answer it gives, and that a grade is kept exactly once. */
import { randomUUID } from 'node:crypto'
import { test, expect, createUser, countRows, query, type TestUser } from './fixtures'
import type { APIRequestContext } from '@playwright/test'

const NOW = '2026-03-02T14:00:00.000Z'

function headers(user: TestUser) {
  return { Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(NOW)}` }
}

async function firstCard(request: APIRequestContext, user: TestUser) {
  const res = await request.get('/api/queue?limit=5', { headers: headers(user) })
  expect(res.status()).toBe(200)
  const body = await res.json()
  expect(body.cards.length).toBe(5)
  return body.cards[0] as { cardId: string; version: number; intervals: Record<string, string> }
}

function grade(request: APIRequestContext, user: TestUser, data: Record<string, unknown>) {
  return request.post('/api/reviews', { headers: headers(user), data })
}

const logs = (userId: string) => countRows('SELECT COUNT(*) FROM "ReviewLog" WHERE "userId" = ?', userId)

test('a grade is written once: a retry after a lost response and a double submit keep one log', async ({ request, user }) => {
  const card = await firstCard(request, user)
  const body = { reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: card.version, durationMs: 4200 }
  const [a, b] = await Promise.all([grade(request, user, body), grade(request, user, body)]) // double submit
  expect([a.status(), b.status()]).toEqual([200, 200])
  const retry = await grade(request, user, body) // the response was "lost": the client sends it again
  expect(retry.status()).toBe(200)
  expect((await retry.json()).replayed).toBe(true)
  expect(await logs(user.id)).toBe(1)
  expect(await countRows('SELECT "version" FROM "CardState" WHERE "userId" = ? AND "cardId" = ?', user.id, card.cardId)).toBe(1)
  const first = await a.json()
  expect(first.state.version).toBe(1)
  expect(first.state.state).toBe('learning')
  expect(first.state.intervalLabel ?? (await b.json()).state.intervalLabel).toBe(card.intervals['3'])
  expect(Array.isArray(first.next)).toBe(true)
  expect(first.next.map((c: { cardId: string }) => c.cardId)).not.toContain(card.cardId)
  expect(await countRows('SELECT "durationMs" FROM "ReviewLog" WHERE "id" = ?', body.reviewId)).toBe(4200)
})

test('a stale version answers 409 with the current state and writes nothing', async ({ request, user }) => {
  const card = await firstCard(request, user)
  const ok = await grade(request, user, { reviewId: randomUUID(), cardId: card.cardId, rating: 3, version: 0, durationMs: 1000 })
  expect(ok.status()).toBe(200)
  const stale = await grade(request, user, { reviewId: randomUUID(), cardId: card.cardId, rating: 1, version: 0, durationMs: 1000 })
  expect(stale.status()).toBe(409)
  const body = await stale.json()
  expect(body.reason).toBe('stale-version')
  expect(body.current.version).toBe(1)
  expect(await logs(user.id)).toBe(1)
})

test('a reviewId used again for another answer is refused with 409', async ({ request, user }) => {
  const card = await firstCard(request, user)
  const reviewId = randomUUID()
  expect((await grade(request, user, { reviewId, cardId: card.cardId, rating: 3, version: 0, durationMs: 1000 })).status()).toBe(200)
  const reused = await grade(request, user, { reviewId, cardId: card.cardId, rating: 1, version: 1, durationMs: 1000 })
  expect(reused.status()).toBe(409)
  expect((await reused.json()).reason).toBe('review-id-reused')
  expect(await logs(user.id)).toBe(1)
})

test('bad input answers 422 with field errors and writes nothing', async ({ request, user }) => {
  const res = await grade(request, user, { reviewId: 'not-a-uuid', cardId: '', rating: 7, version: -1, durationMs: 'slow' })
  expect(res.status()).toBe(422)
  const body = await res.json()
  expect(Object.keys(body.fields).sort()).toEqual(['cardId', 'durationMs', 'rating', 'reviewId', 'version'])
  const notJson = await request.post('/api/reviews', { headers: { ...headers(user), 'Content-Type': 'application/json' }, data: '{oops' })
  expect(notJson.status()).toBe(422)
  expect((await request.get('/api/queue?limit=0', { headers: headers(user) })).status()).toBe(422)
  expect(await logs(user.id)).toBe(0)
})

test('an unknown or retired card answers 404', async ({ request, user }) => {
  const res = await grade(request, user, { reviewId: randomUUID(), cardId: 'no-such-card', rating: 3, version: 0, durationMs: 1000 })
  expect(res.status()).toBe(404)
  // A retired card: one that left the deck file. Its own row, so that no other test's deck changes.
  const retiredId = `retired-${randomUUID().slice(0, 8)}`
  const [claim] = await query<{ id: string; deckId: string }>('SELECT "id", "deckId" FROM "Claim" LIMIT 1')
  await query(
    `INSERT INTO "Card" ("id", "noteId", "deckId", "claimId", "kind", "ordinal", "position", "frontEn", "frontZh", "backEn", "backZh", "retired")
     VALUES (?, ?, ?, ?, 'basic', 0, 99999, 'q', 'q', 'a', 'a', TRUE)`,
    retiredId, retiredId, claim!.deckId, claim!.id,
  )
  const retired = await grade(request, user, { reviewId: randomUUID(), cardId: retiredId, rating: 3, version: 0, durationMs: 1000 })
  expect(retired.status()).toBe(404)
  expect(await retired.json()).toEqual(await res.json()) // the same answer as for a card that does not exist
  expect(await logs(user.id)).toBe(0)
})

test('two users grading the same card keep two independent states', async ({ request, user }) => {
  const other = await createUser()
  const card = await firstCard(request, user)
  const mine = await grade(request, user, { reviewId: randomUUID(), cardId: card.cardId, rating: 4, version: 0, durationMs: 1000 })
  const theirs = await grade(request, other, { reviewId: randomUUID(), cardId: card.cardId, rating: 1, version: 0, durationMs: 1000 })
  expect(mine.status()).toBe(200)
  expect(theirs.status()).toBe(200)
  expect((await mine.json()).state.state).toBe('review')
  expect((await theirs.json()).state.state).toBe('learning')
  expect(await countRows('SELECT COUNT(*) FROM "CardState" WHERE "cardId" = ? AND "userId" IN (?, ?)', card.cardId, user.id, other.id)).toBe(2)
})

test('concurrent grades of different cards are all kept', async ({ request, user }) => {
  const res = await request.get('/api/queue?limit=20', { headers: headers(user) })
  const cards = (await res.json()).cards as { cardId: string; version: number }[]
  const answers = await Promise.all(
    cards.map((c, i) => grade(request, user, { reviewId: randomUUID(), cardId: c.cardId, rating: ((i % 4) + 1) as 1, version: c.version, durationMs: 999_999 })),
  )
  expect(answers.map((a) => a.status())).toEqual(cards.map(() => 200))
  expect(await logs(user.id)).toBe(cards.length)
  // Answer times are capped at 60 s in the log.
  expect(await countRows('SELECT MAX("durationMs") FROM "ReviewLog" WHERE "userId" = ?', user.id)).toBe(60_000)
})

test('an answer whose button showed another interval than it would apply is refused with 409 and fresh buttons', async ({ request, user }) => {
  // New York, rollover 4. Shown at 03:45 (Good 10m, valid until 03:50), answered at 03:55: Good would be 1d.
  const at = (iso: string) => ({ Cookie: `better-auth.session_token=${user.cookie}; kc-test-now=${encodeURIComponent(iso)}` })
  const listed = await (await request.get('/api/queue?limit=1', { headers: at('2026-03-03T08:45:00.000Z') })).json()
  const card = listed.cards[0] as { cardId: string; version: number; day: number; intervals: Record<string, string>; intervalsValidUntil: string }
  expect(card.intervals['3']).toBe('10m')
  expect(card.intervalsValidUntil).toBe('2026-03-03T08:50:00.000Z')
  const body = { cardId: card.cardId, rating: 3, version: 0, durationMs: 1000, answeredAt: '2026-03-03T08:55:00.000Z', day: card.day }
  const refused = await request.post('/api/reviews', { headers: at('2026-03-03T08:55:00.000Z'), data: { ...body, reviewId: randomUUID(), interval: '10m' } })
  expect(refused.status()).toBe(409)
  const reply = await refused.json()
  expect(reply.reason).toBe('interval-changed')
  expect(reply.card).toMatchObject({ cardId: card.cardId, version: 0, intervals: { 3: '1d' } })
  expect(await logs(user.id)).toBe(0)
  const kept = await request.post('/api/reviews', { headers: at('2026-03-03T08:55:00.000Z'), data: { ...body, reviewId: randomUUID(), interval: '1d' } })
  expect(kept.status()).toBe(200)
  expect((await kept.json()).state).toMatchObject({ intervalLabel: '1d', due: '2026-03-03T09:00:00.000Z' })
  // Not an interval code: 422.
  const bad = await request.post('/api/reviews', { headers: at('2026-03-03T08:55:00.000Z'), data: { ...body, reviewId: randomUUID(), interval: 'soon' } })
  expect(bad.status()).toBe(422)
  expect(Object.keys((await bad.json()).fields)).toEqual(['interval'])
  expect(await logs(user.id)).toBe(1)
})
