/**
 * Account → Take it to Anki (issue #36): a person who answered a few cards downloads the deck as Anki's text file and
 * as a package with their progress; both files are read back as Anki would read them (the text file's header lines
 * and records, the package unzipped and its collection opened with SQLite) and checked against the database.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { unzipSync, strFromU8 } from 'fflate'
import type { Download, Page } from '@playwright/test'
import { test, expect, expectNoAxeViolations, query, setNow } from './fixtures'
import { parseCloze } from '../lib/core/cloze'

const NOW = '2026-03-02T14:00:00.000Z'

type QueueCard = { cardId: string; version: number; kind: string }

/** Answers the next card of the queue with `rating` through the grading API, as the review screen does. */
async function answerNext(page: Page, rating: number, durationMs: number): Promise<QueueCard> {
  const queue = await (await page.request.get('/api/queue?limit=1')).json()
  const card = queue.cards[0] as QueueCard
  const res = await page.request.post('/api/reviews', { data: { reviewId: randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs } })
  expect(res.status()).toBe(200)
  return card
}

const saved = async (download: Download) => readFileSync((await download.path())!)

/** Tab-separated records after the `#` header lines (the file quotes nothing: its HTML fields hold no tab or quote). */
const recordsOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))

const unescapeHtml = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

test('a person who answered a few cards takes the deck, and then their progress, to Anki', async ({ page, context, user }) => {
  await setNow(context, NOW)
  // Five answers: Again then Good on the first card, Good on three more.
  const first = await answerNext(page, 1, 3000)
  await page.request.post('/api/reviews', {
    data: { reviewId: randomUUID(), cardId: first.cardId, rating: 3, version: first.version + 1, durationMs: 2500 },
  })
  for (let i = 0; i < 3; i++) await answerNext(page, 3, 4000 + i)

  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'Take it to Anki' })).toBeVisible()
  await expectNoAxeViolations(page)

  // The text file, in both languages, by keyboard alone.
  await page.getByLabel('Cards in').selectOption('both')
  await page.getByLabel('Cards in').focus()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Download for Anki', exact: true })).toBeFocused()
  const [textDownload] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  expect(textDownload.suggestedFilename()).toMatch(/^keyclaims-anki-both-2026-03-02\.txt$/)
  const text = (await saved(textDownload)).toString('utf8')
  expect(text.split('\n').slice(0, 7)).toEqual([
    '#separator:tab',
    '#html:true',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    '#tags column:6',
    '#if matches:update current',
  ])
  const records = recordsOf(text)
  const live = await query<{ id: string; noteId: string; kind: string; frontEn: string; frontZh: string }>(
    'SELECT c."id", c."noteId", c."kind", c."frontEn", c."frontZh" FROM "Card" c JOIN "Claim" cl ON cl."id" = c."claimId" WHERE c."retired" = FALSE AND cl."retired" = FALSE',
  )
  const noteIds = new Set(live.map((c) => c.noteId))
  expect(records).toHaveLength(noteIds.size)
  expect(records.every((r) => r.length === 6)).toBe(true)

  // A cloze note: its GUID is the text's id, its Text holds both languages with our ordinals and hints.
  const cloze = live.find((c) => c.kind === 'cloze' && /::[^}]+::/.test(c.frontEn)) ?? live.find((c) => c.kind === 'cloze')!
  const record = records.find((r) => r[0] === `keyclaims:both:${cloze.noteId}`)!
  expect(record[1]).toBe('Cloze')
  expect(record[2]).toMatch(/^Keyclaims::.+ · .+::\d\d .+ · .+$/)
  const blocks = [...record[3]!.matchAll(/<div lang=[^>]+>(.*?)<\/div>/g)].map((m) => unescapeHtml(m[1]!))
  expect(blocks).toEqual([cloze.frontEn, cloze.frontZh])
  expect(blocks.map(parseCloze)).toEqual([parseCloze(cloze.frontEn), parseCloze(cloze.frontZh)])
  expect(record[4]).toContain('<b>Claim:</b>')
  expect(record[4]).toContain('<b>论点：</b>')
  expect(record[5]).not.toMatch(/\s{2}/)

  // The package with the progress, in English.
  await page.getByLabel('Cards in').selectOption('en')
  const [packageDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download for Anki with progress' }).click()])
  expect(packageDownload.suggestedFilename()).toBe('keyclaims-anki-progress-en-2026-03-02.apkg')
  const files = unzipSync(new Uint8Array(await saved(packageDownload)))
  expect(Object.keys(files).sort()).toEqual(['collection.anki21', 'media'])
  expect(strFromU8(files.media!)).toBe('{}')
  const anki = new Database(Buffer.from(files['collection.anki21']!), { readonly: true })
  try {
    const tables = anki.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog'])
    expect(anki.prepare('SELECT ver FROM col').pluck().get()).toBe(11)
    expect(anki.prepare('SELECT COUNT(*) FROM notes').pluck().get()).toBe(noteIds.size)
    expect(anki.prepare('SELECT COUNT(*) FROM cards').pluck().get()).toBe(live.length)
    expect(anki.prepare("SELECT COUNT(*) FROM notes WHERE guid LIKE 'keyclaims:en:%'").pluck().get()).toBe(noteIds.size)

    // Every answer is one revlog row: its time in ms (1 ms on where two collide), its button and time taken.
    const answers = await query<{ review: unknown; rating: number; durationMs: number }>(
      `SELECT "review", "rating", "durationMs" FROM "ReviewLog" WHERE "userId" = ? AND "kind" = 'review' AND "undone" = FALSE ORDER BY "review", "sequence"`,
      user.id,
    )
    expect(answers).toHaveLength(5)
    const revlog = anki.prepare('SELECT id, ease, time, type FROM revlog ORDER BY id').all() as { id: number; ease: number; time: number; type: number }[]
    expect(revlog.map((r) => [r.ease, r.time])).toEqual(answers.map((a) => [a.rating, a.durationMs]))
    const times = answers.map((a) => new Date(a.review as string | number).getTime())
    let last = -Infinity
    expect(revlog.map((r) => r.id)).toEqual(times.map((t) => (last = Math.max(t, last + 1))))
    expect(revlog.every((r) => r.type === 0)).toBe(true)

    // The answered cards left the new queue: in learning, due at their step, with FSRS's memory state.
    const learning = anki.prepare('SELECT type, queue, due, data FROM cards WHERE type != 0').all() as { type: number; queue: number; due: number; data: string }[]
    expect(learning).toHaveLength(4)
    for (const card of learning) {
      expect([card.type, card.queue]).toEqual([1, 1])
      expect(card.due).toBeGreaterThan(Date.parse(NOW) / 1000)
      expect(Object.keys(JSON.parse(card.data))).toEqual(expect.arrayContaining(['s', 'd', 'dr']))
    }
  } finally {
    anki.close()
  }
})

test('the downloads refuse a language we do not have, and anyone signed out', async ({ page, context, playwright, user }) => {
  await setNow(context, NOW)
  expect(user.id).toBeTruthy()
  const bad = await page.request.get('/api/export/anki?lang=fr')
  expect(bad.status()).toBe(422)
  expect((await bad.json()).fields.lang).toEqual(['lang must be en, zh or both'])
  expect((await page.request.get('/api/export/anki-package?lang=xx')).status()).toBe(422)
  // No language: the person's own (English here).
  const own = await page.request.get('/api/export/anki')
  expect(own.status()).toBe(200)
  expect(own.headers()['content-disposition']).toContain('keyclaims-anki-en-')
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL })
  expect((await anonymous.get('/api/export/anki?lang=en')).status()).toBe(401)
  expect((await anonymous.get('/api/export/anki-package?lang=en')).status()).toBe(401)
  await anonymous.dispose()
})

test('a person who never studied gets the deck alone in the package: every card new, no revlog', async ({ page, context, user }) => {
  await setNow(context, NOW)
  expect(user.id).toBeTruthy()
  const res = await page.request.get('/api/export/anki-package?lang=zh')
  expect(res.status()).toBe(200)
  const files = unzipSync(new Uint8Array(await res.body()))
  const anki = new Database(Buffer.from(files['collection.anki21']!), { readonly: true })
  try {
    expect(anki.prepare('SELECT COUNT(*) FROM revlog').pluck().get()).toBe(0)
    expect(anki.prepare('SELECT COUNT(*) FROM cards WHERE type != 0 OR queue != 0').pluck().get()).toBe(0)
    expect(anki.prepare('SELECT COUNT(*) FROM cards').pluck().get()).toBeGreaterThan(100)
  } finally {
    anki.close()
  }
})
