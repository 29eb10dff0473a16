/** Loading deck files into a real SQLite database: edits keep everyone's schedule, removals retire, never delete. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'
import { PrismaClient } from '../lib/generated/prisma/client'
import { DeckLoadError, loadDeck } from '../lib/deck/load'
import { formatProblem, parseDeck } from '../lib/deck/parse'
import { fillerEn, fillerZh, readingDeckYaml } from '../lib/deck/test-decks'

const HEAD = `id: "test-deck"
title: { en: "A test deck", zh: "测试卡组" }
speakers: [{ en: "Ilya Sutskever", zh: "伊利亚·苏茨克维" }]
tags: { scaling: { en: "scaling", zh: "规模扩展" }, biology: { en: "biology", zh: "生物学" }, data: { en: "data", zh: "数据" } }
date: "2023-11"
published: { en: "Published for a test.", zh: "为测试而发布。" }
languageNote: { en: "Our own paraphrases.", zh: "我们自己的转述。" }
sections:
  - id: "01"
    title: { en: "Scaling", zh: "规模" }
    summary: { en: "Bigger nets do more.", zh: "网络越大，能做的越多。" }
    claims:
`
const TOO_SMALL = `      - id: "s01-too-small"
        speaker: "Ilya Sutskever"
        importance: "core"
        tags: ["scaling"]
        text: { en: "Neural nets failed because they were too small.", zh: "神经网络之前不灵，是因为太小。" }
        why: { en: "The seed of the scaling view.", zh: "规模观的起点。" }
        cards:
`
const TOO_SMALL_Q1 = `          - id: "s01-too-small-q1"
            kind: "basic"
            prompt: { en: "Why did neural nets fail before AlexNet?", zh: "AlexNet 之前神经网络为何不灵？" }
            answer: { en: "They were too small.", zh: "太小了。" }
`
const TOO_SMALL_Z1 = `          - id: "s01-too-small-z1"
            kind: "cloze"
            text: { en: "Nets were {{c1::too small}} and needed {{c2::GPUs}}.", zh: "网络{{c1::太小}}，还需要{{c2::GPU}}。" }
`
const LITTLE_BRAINS = `      - id: "s01-little-brains"
        speaker: "Ilya Sutskever"
        importance: "supporting"
        tags: ["biology"]
        text: { en: "Neural nets are little brains.", zh: "神经网络是小大脑。" }
        why: { en: "The brain analogy drove his bet.", zh: "驱动他下注的是与大脑的类比。" }
        cards:
          - id: "s01-little-brains-q1"
            kind: "basic"
            prompt: { en: "What did Sutskever see neural nets as?", zh: "苏茨克维把神经网络看作什么？" }
            answer: { en: "Little brains.", zh: "小型的大脑。" }
`
const SECTION_02 = `  - id: "02"
    title: { en: "Data", zh: "数据" }
    summary: { en: "Big datasets mattered.", zh: "大数据集很重要。" }
    claims:
      - id: "s02-imagenet"
        speaker: "Ilya Sutskever"
        importance: "core"
        tags: ["data"]
        text: { en: "ImageNet made large nets trainable.", zh: "ImageNet 让大网络可以训练。" }
        why: { en: "Data was the missing piece.", zh: "数据是缺失的一环。" }
        cards:
          - id: "s02-imagenet-z1"
            kind: "cloze"
            text: { en: "{{c1::ImageNet}} made large nets trainable.", zh: "{{c1::ImageNet}} 让大网络可以训练。" }
`
const FULL = HEAD + TOO_SMALL + TOO_SMALL_Q1 + TOO_SMALL_Z1 + LITTLE_BRAINS + SECTION_02

function edit(yaml: string, from: string, to: string): string {
  expect(yaml).toContain(from)
  return yaml.replace(from, to)
}

let dir: string
let prisma: PrismaClient

beforeEach(async () => {
  dir = fs.mkdtempSync(os.tmpdir() + '/kc-')
  const migrated = path.join(dir, 'test.db')
  await applyMigrations(databaseConfig({ DATABASE_URL: 'file:' + migrated }))
  // applyMigrations leaves the engine's connection open with an exclusive lock until it is garbage-collected (see
  // tests/schema-engine.test.ts), so the tests work on a copy of the freshly migrated file.
  const dbPath = path.join(dir, 'app.db')
  fs.copyFileSync(migrated, dbPath)
  prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: dbPath }, { timestampFormat: 'unixepoch-ms' }) })
}, 120_000)

afterEach(async () => {
  await prisma.$disconnect()
  fs.rmSync(dir, { recursive: true, force: true })
})

function load(yaml: string, options: { force?: boolean } = {}) {
  const parsed = parseDeck(yaml, 'data/test.yaml')
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'))
  const contentHash = createHash('sha256').update(yaml).digest('hex')
  return loadDeck(prisma, { file: 'data/test.yaml', deck: parsed.deck, contentHash }, options)
}

async function dump() {
  return {
    decks: await prisma.deck.findMany({ orderBy: { id: 'asc' } }),
    sections: await prisma.section.findMany({ orderBy: [{ deckId: 'asc' }, { id: 'asc' }] }),
    claims: await prisma.claim.findMany({ orderBy: { id: 'asc' } }),
    cards: await prisma.card.findMany({ orderBy: { id: 'asc' } }),
    states: await prisma.cardState.findMany({ orderBy: [{ userId: 'asc' }, { cardId: 'asc' }] }),
    logs: await prisma.reviewLog.findMany({ orderBy: { id: 'asc' } }),
  }
}

/** A person who has studied `cardId`: a user, its CardState (version 3) and one review log row. */
async function studied(userId: string, cardId: string) {
  await prisma.user.upsert({ where: { id: userId }, create: { id: userId, name: userId, email: `${userId}@example.com` }, update: {} })
  const state = await prisma.cardState.create({
    data: {
      userId, cardId, due: new Date('2026-03-12T09:00:00Z'), stability: 3.17, difficulty: 5.28, elapsedDays: 1,
      scheduledDays: 3, learningSteps: 0, reps: 3, lapses: 0, state: 2, lastReview: new Date('2026-03-09T15:00:00Z'), version: 3,
    },
  })
  const log = await prisma.reviewLog.create({
    data: {
      id: `${userId}-${cardId}-log`, userId, cardId, kind: 'review', rating: 3, state: 1, due: new Date('2026-03-09T15:00:00Z'),
      stability: 2.3, difficulty: 5.28, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 1,
      review: new Date('2026-03-09T15:00:00Z'), studyDay: 20521, durationMs: 4200, stateBefore: '{}', versionAfter: 3,
      sequence: (await prisma.reviewLog.count({ where: { userId } })) + 1,
    },
  })
  return { state, log }
}

const card = (id: string) => prisma.card.findUniqueOrThrow({ where: { id } })
const liveCardIds = async () =>
  (await prisma.card.findMany({ where: { retired: false }, orderBy: { position: 'asc' } })).map((c) => c.id)

describe('the deck\'s names for speakers and tags', () => {
  const problemsOf = (yaml: string) => {
    const parsed = parseDeck(yaml, 'data/test.yaml')
    return parsed.ok ? [] : parsed.problems.map(formatProblem)
  }

  it('stores each speaker\'s and each tag\'s English and Chinese names with the deck', async () => {
    await load(FULL)
    const deck = await prisma.deck.findUniqueOrThrow({ where: { id: 'test-deck' } })
    expect(JSON.parse(deck.speakers)).toEqual([{ en: 'Ilya Sutskever', zh: '伊利亚·苏茨克维' }])
    expect(JSON.parse(deck.tags)).toEqual({ scaling: { en: 'scaling', zh: '规模扩展' }, biology: { en: 'biology', zh: '生物学' }, data: { en: 'data', zh: '数据' } })
  })

  it('accepts the deck as written (the positive control)', () => {
    expect(problemsOf(FULL)).toEqual([])
  })

  it('requires a Chinese name for a speaker and for a tag', () => {
    expect(problemsOf(edit(FULL, '{ en: "Ilya Sutskever", zh: "伊利亚·苏茨克维" }', '{ en: "Ilya Sutskever" }'))).toEqual([
      expect.stringMatching(/^data\/test\.yaml:3: speakers\.0\.zh: /),
    ])
    expect(problemsOf(edit(FULL, 'biology: { en: "biology", zh: "生物学" }', 'biology: { en: "biology", zh: " " }'))).toEqual([
      'data/test.yaml:4: tags.biology.zh: must not be empty',
    ])
  })

  it('refuses a claim\'s speaker or tag that the deck does not name', () => {
    const problems = problemsOf(edit(edit(FULL, 'speaker: "Ilya Sutskever"\n        importance: "supporting"', 'speaker: "Ilya"\n        importance: "supporting"'), 'tags: ["data"]', 'tags: ["datasets"]'))
    expect(problems).toEqual([
      expect.stringContaining('sections.0.claims.1.speaker: speaker "Ilya" is not in the deck\'s speakers (Ilya Sutskever)'),
      expect.stringContaining('sections.1.claims.0.tags.0: tag "datasets" is not in the deck\'s tags'),
    ])
  })
})

describe('loadDeck', () => {
  it('loads every card, one per cloze ordinal, in file order', async () => {
    expect(await load(FULL)).toEqual({ deckId: 'test-deck', skipped: false, cards: 5, retiredCards: 0 })
    expect(await liveCardIds()).toEqual([
      's01-too-small-q1', 's01-too-small-z1.c1', 's01-too-small-z1.c2', 's01-little-brains-q1', 's02-imagenet-z1.c1',
    ])
    expect(await card('s01-too-small-z1.c2')).toMatchObject({
      noteId: 's01-too-small-z1', claimId: 's01-too-small', deckId: 'test-deck', kind: 'cloze', ordinal: 2,
      frontZh: '网络{{c1::太小}}，还需要{{c2::GPU}}。', backEn: '', retired: false,
    })
  })

  it('stores a card’s links (claims of earlier sections it ties together) on each of its cards, and their edits', async () => {
    const linked = edit(FULL, '            kind: "cloze"\n            text: { en: "{{c1::ImageNet}}', '            kind: "cloze"\n            links: ["s01-too-small", "s01-little-brains"]\n            text: { en: "{{c1::ImageNet}}')
    await load(linked)
    expect(JSON.parse((await card('s02-imagenet-z1.c1')).links)).toEqual(['s01-too-small', 's01-little-brains'])
    expect(JSON.parse((await card('s01-too-small-z1.c2')).links)).toEqual([])

    const { state } = await studied('ada', 's02-imagenet-z1.c1')
    await load(edit(linked, '["s01-too-small", "s01-little-brains"]', '["s01-too-small"]'))
    expect(JSON.parse((await card('s02-imagenet-z1.c1')).links)).toEqual(['s01-too-small'])
    expect(await prisma.cardState.findMany()).toEqual([state])
  })

  it('changes nothing when the same file is loaded again, skipped or forced', async () => {
    await load(FULL)
    await studied('ada', 's01-too-small-q1')
    const before = await dump()
    expect(await load(FULL)).toEqual({ deckId: 'test-deck', skipped: true, cards: 0, retiredCards: 0 })
    expect(await dump()).toEqual(before)

    expect(await load(FULL, { force: true })).toEqual({ deckId: 'test-deck', skipped: false, cards: 5, retiredCards: 0 })
    const after = await dump()
    // A forced load records when it ran; every other column of every row is as it was.
    expect(after.decks[0]!.loadedAt.getTime()).toBeGreaterThanOrEqual(before.decks[0]!.loadedAt.getTime())
    const withoutLoadedAt = (d: typeof before) => ({ ...d, decks: d.decks.map(({ loadedAt, ...rest }) => rest) })
    expect(withoutLoadedAt(after)).toEqual(withoutLoadedAt(before))
  })

  it('keeps a person’s schedule and history when a claim’s and a card’s texts are edited', async () => {
    await load(FULL)
    const { state, log } = await studied('ada', 's01-too-small-q1')
    let edited = edit(FULL, 'Neural nets failed because they were too small.', 'Nets failed for being too small.')
    edited = edit(edited, 'Why did neural nets fail before AlexNet?', 'What held neural nets back before AlexNet?')
    expect((await load(edited)).skipped).toBe(false)

    expect((await prisma.claim.findUniqueOrThrow({ where: { id: 's01-too-small' } })).textEn).toBe('Nets failed for being too small.')
    expect(await card('s01-too-small-q1')).toMatchObject({ frontEn: 'What held neural nets back before AlexNet?', retired: false })
    expect(await prisma.cardState.findMany()).toEqual([state])
    expect(await prisma.reviewLog.findMany()).toEqual([log])
  })

  it('retires a card removed from the file, keeping the row, its schedule and its history', async () => {
    await load(FULL)
    const { state, log } = await studied('ada', 's01-too-small-q1')
    expect(await load(edit(FULL, TOO_SMALL_Q1, ''))).toMatchObject({ cards: 4, retiredCards: 1 })

    expect(await card('s01-too-small-q1')).toMatchObject({ retired: true, frontEn: 'Why did neural nets fail before AlexNet?' })
    expect(await liveCardIds()).toEqual(['s01-too-small-z1.c1', 's01-too-small-z1.c2', 's01-little-brains-q1', 's02-imagenet-z1.c1'])
    expect(await prisma.cardState.findMany()).toEqual([state])
    expect(await prisma.reviewLog.findMany()).toEqual([log])
  })

  it('retires only card <id>.c2 when c2 is removed from a cloze text', async () => {
    await load(FULL)
    const { state } = await studied('ada', 's01-too-small-z1.c1')
    let edited = edit(FULL, 'and needed {{c2::GPUs}}.', 'and needed GPUs.')
    edited = edit(edited, '还需要{{c2::GPU}}。', '还需要GPU。')
    expect(await load(edited)).toMatchObject({ cards: 4, retiredCards: 1 })

    expect((await card('s01-too-small-z1.c2')).retired).toBe(true)
    expect(await card('s01-too-small-z1.c1')).toMatchObject({ retired: false, frontEn: 'Nets were {{c1::too small}} and needed GPUs.' })
    expect(await prisma.cardState.findMany()).toEqual([state])
  })

  it('retires a removed claim and a removed section, with their cards', async () => {
    await load(FULL)
    expect(await load(HEAD + TOO_SMALL + TOO_SMALL_Q1 + TOO_SMALL_Z1)).toMatchObject({ cards: 3, retiredCards: 2 })

    const retired = async (rows: Promise<{ id: string; retired: boolean }[]>) => (await rows).filter((r) => r.retired).map((r) => r.id)
    expect(await retired(prisma.claim.findMany({ orderBy: { id: 'asc' } }))).toEqual(['s01-little-brains', 's02-imagenet'])
    expect(await retired(prisma.section.findMany({ orderBy: { id: 'asc' } }))).toEqual(['02'])
    expect(await retired(prisma.card.findMany({ orderBy: { id: 'asc' } }))).toEqual(['s01-little-brains-q1', 's02-imagenet-z1.c1'])
    expect(await prisma.claim.count()).toBe(3)
  })

  it('adds a new card as a live card that is new for everyone', async () => {
    await load(FULL)
    const ada = await studied('ada', 's01-too-small-q1')
    const bo = await studied('bo', 's01-too-small-q1')
    const q2 = `          - id: "s01-too-small-q2"
            kind: "basic"
            prompt: { en: "What else did AlexNet need?", zh: "AlexNet 还需要什么？" }
            answer: { en: "GPUs.", zh: "GPU。" }
`
    expect(await load(edit(FULL, TOO_SMALL_Z1, TOO_SMALL_Z1 + q2))).toMatchObject({ cards: 6, retiredCards: 0 })

    expect(await card('s01-too-small-q2')).toMatchObject({ retired: false, claimId: 's01-too-small', kind: 'basic', frontEn: 'What else did AlexNet need?' })
    expect(await prisma.cardState.count({ where: { cardId: 's01-too-small-q2' } })).toBe(0)
    expect(await prisma.cardState.findMany({ orderBy: { userId: 'asc' } })).toEqual([ada.state, bo.state])
  })

  it('un-retires a card and a claim put back in the file, with the schedule they had', async () => {
    await load(FULL)
    const { state } = await studied('ada', 's01-too-small-q1')
    await load(edit(edit(FULL, TOO_SMALL_Q1, ''), LITTLE_BRAINS, ''))
    expect((await card('s01-too-small-q1')).retired).toBe(true)

    expect(await load(FULL)).toMatchObject({ cards: 5, retiredCards: 0 })
    expect((await card('s01-too-small-q1')).retired).toBe(false)
    expect((await card('s01-little-brains-q1')).retired).toBe(false)
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: 's01-little-brains' } })).retired).toBe(false)
    expect(await prisma.cardState.findMany()).toEqual([state])
  })

  it('refuses a claim id that belongs to another deck and writes nothing for the new deck', async () => {
    await load(FULL)
    const before = await dump()
    const other = edit(HEAD, 'id: "test-deck"', 'id: "other-deck"') + LITTLE_BRAINS

    const error = await load(other).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeckLoadError)
    expect((error as DeckLoadError).problems).toContainEqual(
      { file: 'data/test.yaml', line: null, path: 'claims', message: 'claim id "s01-little-brains" already belongs to deck "test-deck"' },
    )
    expect(await prisma.deck.findUnique({ where: { id: 'other-deck' } })).toBeNull()
    expect(await dump()).toEqual(before)
  })

  it('refuses a card id that belongs to another deck rather than moving the card', async () => {
    await load(FULL)
    const { state } = await studied('ada', 's01-too-small-q1')
    const before = await dump()
    const stolen = edit(edit(LITTLE_BRAINS, 's01-little-brains"', 'other-claim"'), 's01-little-brains-q1', 's01-too-small-q1')
    const other = edit(HEAD, 'id: "test-deck"', 'id: "other-deck"') + stolen

    await expect(load(other)).rejects.toThrow(DeckLoadError)
    expect(await card('s01-too-small-q1')).toMatchObject({ deckId: 'test-deck', claimId: 's01-too-small' })
    expect(await prisma.cardState.findMany()).toEqual([state])
    expect(await dump()).toEqual(before)
  })
})


describe('the reading (issue #38)', () => {
  const passage = (en: string, zh: string) => `      - en: |-\n          ${en}\n        zh: |-\n          ${zh}`
  const reading = [
    passage(`Sutskever says the early nets were tiny [[s01-a]] ${fillerEn(200)}.`, `苏茨克维说早期网络很小[[s01-a]]${fillerZh(300)}。`),
    passage(`Then graphics chips arrived [[s01-b]] ${fillerEn(200)}.`, `后来有了显卡[[s01-b]]${fillerZh(300)}。`),
  ].join('\n')

  it('stores a section\'s passages with it, and none when the file has none', async () => {
    const withReading = readingDeckYaml(reading)
    await load(withReading)
    const stored = await prisma.section.findUniqueOrThrow({ where: { deckId_id: { deckId: 'd', id: '01' } } })
    const parsed = parseDeck(withReading, 'data/test.yaml')
    if (!parsed.ok) throw new Error('the reading deck should parse')
    expect(JSON.parse(stored.reading!)).toEqual(parsed.deck.sections[0]!.reading)
    expect(JSON.parse(stored.reading!)[1].en).toMatch(/^Then graphics chips arrived \[\[s01-b\]\]/)
    await load(withReading.replace(/ {4}reading:\n[\s\S]*?\n {4}claims:/, '    claims:'))
    expect((await prisma.section.findUniqueOrThrow({ where: { deckId_id: { deckId: 'd', id: '01' } } })).reading).toBeNull()
  })
})
