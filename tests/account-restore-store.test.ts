/**
 * Account restore on both engines (issue #36): a history made through the app's own paths (grades, an undo, a
 * suspend, a talk, a quiz, optimised weights), exported, restored into a fresh account on a fresh database, exports
 * again equal field for field but for the export time and the account's id and email; the same file again is
 * "already restored" and writes nothing; ids that exist, or an account with progress, are refused.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cardVersion, createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import { exportUserData } from '../lib/data/export'
import { createAccountRestore } from '../lib/data/account-restore-service'
import { createQuiz } from '../lib/data/quiz-service'
import { createTalks } from '../lib/data/talk-service'
import { talkInputSchema } from '../lib/core/talk'
import { quizOptionsSchema } from '../lib/core/quiz'
import { readAccountFile, type AccountFile } from '../lib/core/account-file'
import { localDate } from '../lib/core/study-day'
import { forgetUserWork } from '../lib/data/study-cache'
import type { Db } from '../lib/db/prisma'

const DAY1 = new Date('2027-03-12T14:00:00Z')
const DAY2 = new Date('2027-03-13T15:30:00Z')
const EXPORTED = new Date('2027-03-20T10:00:00Z')
const RESTORED = new Date('2027-04-01T09:00:00Z')
const SECTION = 'sutskever-2023-11/02'
/** Where Ann was in the reading. */
const PLACE = { deckId: 'sutskever-2023-11', sectionId: '02', passage: 3, updatedAt: DAY2 }
const WEIGHTS = { w: [0.41, 1.18, 3.17, 15.69, 7.19, 0.53, 1.46, 0.005, 1.54, 0.12, 1.02, 1.93, 0.11, 0.29, 2.27, 0.24, 2.99, 0.51, 0.66, 0.12, 0.1] }

/** The file as a browser would send it: the export's JSON, read back by the format's schema. */
async function fileOf(db: Db, userId: string): Promise<{ text: string; file: AccountFile }> {
  const text = JSON.stringify(await exportUserData(userId, EXPORTED, db.prisma))
  const read = readAccountFile(text)
  if ('problems' in read) throw new Error(JSON.stringify(read.problems))
  return { text, file: read.file }
}

/** Everything of the person's in the database, by table (what "nothing written" compares). */
async function rowsOf(db: Db, userId: string) {
  const p = db.prisma
  return {
    states: await p.cardState.count({ where: { userId } }),
    logs: await p.reviewLog.count({ where: { userId } }),
    claims: await p.claimProgress.count({ where: { userId } }),
    talks: await p.talk.count({ where: { userId } }),
    quizzes: await p.quiz.count({ where: { userId } }),
    settings: await p.userSettings.findUnique({ where: { userId } }),
    reading: await p.readingPlace.findUnique({ where: { userId } }),
  }
}

/** An export without what differs between two accounts: the export time, the account's id and email. */
const comparable = (text: string) => {
  const { exportedAt: _at, user, ...rest } = JSON.parse(text) as { exportedAt: string; user: { id: string; email: string; name: string } }
  return { ...rest, user: { name: user.name } }
}

describe.each<Engine>(ENGINES)('account restore on %s', (engine) => {
  let source: TestDb
  let target: TestDb
  beforeEach(async () => {
    source = await freshDatabase(engine)
    target = await freshDatabase(engine)
  })
  afterEach(async () => {
    await source.close()
    await target.close()
  })

  /** Ann's history on the source server, through the app's own use cases. */
  async function makeHistory() {
    await createTestUser(source.db, 'ann')
    const study = source.study()
    const cards = await source.db.prisma.card.findMany({ where: { deckId: 'sutskever-2023-11', retired: false }, orderBy: { position: 'asc' }, take: 6 })
    for (const [i, card] of cards.entries()) await gradeApplied(source.db, study, 'ann', card.id, ((i % 4) + 1) as 1 | 2 | 3 | 4, DAY1)
    await gradeApplied(source.db, study, 'ann', cards[0]!.id, 3, DAY2)
    await gradeApplied(source.db, study, 'ann', cards[1]!.id, 1, DAY2)
    expect(await study.undo('ann', DAY2)).toMatchObject({ kind: 'undone' }) // an undone mark
    const suspended = await study.changeCard('ann', 'suspend', { id: randomUUID(), cardId: cards[2]!.id, version: await cardVersion(source.db, 'ann', cards[2]!.id) }, DAY2)
    expect(suspended).toMatchObject({ kind: 'done' })
    await study.studyMore('ann', DAY2, { extraNew: 5, extraAhead: 0 })
    await source.db.prisma.userSettings.update({ where: { userId: 'ann' }, data: { fsrsParameters: JSON.stringify(WEIGHTS), desiredRetention: 0.85 } })
    await source.db.prisma.readingPlace.create({ data: { userId: 'ann', ...PLACE } })

    const talks = createTalks(source.db.exec)
    const talkId = await talks.create('ann', talkInputSchema(localDate(DAY2, 'America/New_York')).parse({ title: 'Keynote', date: '2027-04-20', sections: [SECTION], minutesPerDay: '15' }), DAY2)
    const quiz = createQuiz(source.db.exec)
    const started = await quiz.startForTalk('ann', talkId, DAY2)
    if (started.kind !== 'started') throw new Error(started.kind)
    const view = (await quiz.view('ann', started.id))!
    for (const c of view.cards)
      expect(await quiz.answer('ann', { quizId: view.id, position: c.position, reviewId: randomUUID(), cardId: c.cardId, rating: c.position === 0 ? 1 : 3, version: c.version, durationMs: 2000 }, DAY2)).toMatchObject({ kind: 'answered' })
    // A second quiz, left unfinished after one answer.
    const other = await quiz.start('ann', quizOptionsSchema.parse({ scope: 'all', length: 3, order: 'deck' }), DAY2)
    if (other.kind !== 'started') throw new Error(other.kind)
    const [first] = (await quiz.view('ann', other.id))!.cards
    expect(await quiz.answer('ann', { quizId: other.id, position: 0, reviewId: randomUUID(), cardId: first!.cardId, rating: 4, version: first!.version, durationMs: 1500 }, DAY2)).toMatchObject({ kind: 'answered' })
  }

  it('restores into a fresh account on a fresh database: the export after equals the export before', async () => {
    await makeHistory()
    const before = await fileOf(source.db, 'ann')
    expect(before.file.reviewLogs.some((l) => l.undone)).toBe(true)
    expect(new Set(before.file.reviewLogs.map((l) => l.kind))).toEqual(new Set(['review', 'quiz', 'suspend']))
    expect(before.file.talks).toHaveLength(1)
    expect(before.file.quizzes).toHaveLength(2)
    expect(before.file.quizzes.map((q) => q.talkId)).toContain(before.file.talks[0]!.id)
    expect(before.file.settings.fsrsParameters).toEqual(WEIGHTS)
    expect(before.file.reading).toEqual(PLACE)

    // A fresh account on the other server, signed up with the same name (its settings row made with the defaults),
    // that has read a little before restoring: its reading place is overwritten by the file's.
    await createTestUser(target.db, 'anna')
    await target.db.prisma.readingPlace.create({ data: { userId: 'anna', deckId: 'sutskever-2023-11', sectionId: '01', passage: 0, updatedAt: RESTORED } })
    await target.db.prisma.user.update({ where: { id: 'anna' }, data: { name: 'ann' } })
    const restore = createAccountRestore(target.db.exec)
    expect(await restore.check('anna', before.file)).toEqual({ kind: 'ready' })
    expect(await rowsOf(target.db, 'anna')).toMatchObject({ states: 0, logs: 0 }) // the preview wrote nothing
    const epochBefore = (await target.db.prisma.userSettings.findUniqueOrThrow({ where: { userId: 'anna' } })).studyEpoch
    expect(await restore.restore('anna', before.file, RESTORED)).toEqual({ kind: 'restored' })

    const after = await fileOf(target.db, 'anna')
    expect(comparable(after.text)).toEqual(comparable(before.text))
    expect(after.file.user).toMatchObject({ id: 'anna', email: 'anna@example.test' })
    // The study caches of every server are told: the epoch went up.
    expect((await target.db.prisma.userSettings.findUniqueOrThrow({ where: { userId: 'anna' } })).studyEpoch).toBe(epochBefore + 1)
    // The restored account studies on: its next grade follows the restored log.
    const study = target.study()
    const card = before.file.cardStates.find((s) => !s.suspended)!
    await gradeApplied(target.db, study, 'anna', card.cardId, 3, new Date('2027-04-02T12:00:00Z'))
    const last = await target.db.prisma.reviewLog.findFirstOrThrow({ where: { userId: 'anna' }, orderBy: { sequence: 'desc' } })
    expect(last.sequence).toBe(before.file.reviewLogs.length + 1)

    // The same file again: already restored, nothing written.
    const rows = await rowsOf(target.db, 'anna')
    expect(await restore.restore('anna', before.file, RESTORED)).toEqual({ kind: 'already-restored' })
    expect(await rowsOf(target.db, 'anna')).toEqual(rows)
  })

  it('refuses a file whose ids exist on this server, and an account with progress, writing nothing', async () => {
    await makeHistory()
    const { file } = await fileOf(source.db, 'ann')
    const restore = createAccountRestore(source.db.exec)

    // Into another fresh account on the same server: every id is taken (by Ann), which is not said.
    await createTestUser(source.db, 'bob')
    const bobBefore = await rowsOf(source.db, 'bob')
    const refused = await restore.restore('bob', file, RESTORED)
    expect(refused).toEqual({ kind: 'ids-exist', where: 'reviewLogs[0].id' })
    expect(JSON.stringify(refused)).not.toContain('ann')
    expect(await rowsOf(source.db, 'bob')).toEqual(bobBefore)

    // Ann's own account holds it: already restored. Into an account with other progress: refused.
    expect(await restore.restore('ann', file, RESTORED)).toEqual({ kind: 'already-restored' })
    await createTestUser(source.db, 'cy')
    const card = await source.db.prisma.card.findFirstOrThrow({ where: { retired: false }, orderBy: { position: 'desc' } })
    await gradeApplied(source.db, source.study(), 'cy', card.id, 3, DAY1)
    const cyBefore = await rowsOf(source.db, 'cy')
    const fresh = { ...file, reviewLogs: [], cardStates: [], claimsLearned: [], quizzes: [], talks: [{ ...file.talks[0]!, id: randomUUID() }] }
    expect(await restore.restore('cy', fresh, RESTORED)).toEqual({ kind: 'has-progress' })
    expect(await rowsOf(source.db, 'cy')).toEqual(cyBefore)
  })

  it('refuses a file naming a card this server lacks, with where, writing nothing; a version 1 file restores', async () => {
    await makeHistory()
    const { file } = await fileOf(source.db, 'ann')
    await createTestUser(target.db, 'dee')
    const restore = createAccountRestore(target.db.exec)
    const foreign = { ...file, reviewLogs: file.reviewLogs.map((l, i) => (i === 2 ? { ...l, cardId: 'no-such-deck/c1' } : l)) }
    const before = await rowsOf(target.db, 'dee')
    expect(await restore.restore('dee', foreign, RESTORED)).toEqual({ kind: 'unknown-card', where: 'reviewLogs[2].cardId', id: 'no-such-deck/c1' })
    expect(await rowsOf(target.db, 'dee')).toEqual(before)

    // Version 1, as the export wrote it before talks: no talks, no weights; the quizzes' talk links are dropped.
    const v1 = JSON.parse(JSON.stringify(await exportUserData('ann', EXPORTED, source.db.prisma))) as Record<string, unknown> & { settings: Record<string, unknown> }
    const { fsrsParameters: _w, studyMoreDay: _d, studyMoreNew: _n, studyMoreAhead: _a, ...v1Settings } = v1.settings
    const v1Text = JSON.stringify({ ...v1, version: 1, talks: undefined, settings: v1Settings, user: { ...(v1.user as object), createdAt: DAY1.toISOString() } })
    const read = readAccountFile(v1Text)
    if ('problems' in read) throw new Error(JSON.stringify(read.problems))
    expect(read.file.talks).toEqual([])
    expect(read.file.quizzes.every((q) => q.talkId === null)).toBe(true)
    expect(await restore.restore('dee', read.file, RESTORED)).toEqual({ kind: 'restored' })
    const after = await fileOf(target.db, 'dee')
    expect(after.file.reviewLogs).toEqual(file.reviewLogs)
    expect(after.file.settings.fsrsParameters).toBeNull()
    expect(after.file.settings.studyMoreDay).toBe(-1)
  })

  it('a file without progress restores settings only, then is already restored', async () => {
    await createTestUser(source.db, 'eve')
    await source.db.prisma.userSettings.update({ where: { userId: 'eve' }, data: { newPerDay: 33, interfaceLanguage: 'zh' } })
    await source.db.prisma.readingPlace.create({ data: { userId: 'eve', ...PLACE } })
    const { file } = await fileOf(source.db, 'eve')
    await createTestUser(target.db, 'eve2')
    const restore = createAccountRestore(target.db.exec)
    expect(await restore.restore('eve2', file, RESTORED)).toEqual({ kind: 'restored' })
    const settings = await target.db.prisma.userSettings.findUniqueOrThrow({ where: { userId: 'eve2' } })
    expect(settings).toMatchObject({ newPerDay: 33, interfaceLanguage: 'zh' })
    expect(await target.db.prisma.readingPlace.findUnique({ where: { userId: 'eve2' }, omit: { userId: true } })).toEqual(PLACE)
    expect(await restore.restore('eve2', file, RESTORED)).toEqual({ kind: 'already-restored' })
    expect(await target.db.prisma.userSettings.findUniqueOrThrow({ where: { userId: 'eve2' } })).toEqual(settings)
    // The same settings but a reading place moved on: not held, so restoring writes the file's place again.
    await target.db.prisma.readingPlace.update({ where: { userId: 'eve2' }, data: { passage: 7 } })
    expect(await restore.check('eve2', file)).toEqual({ kind: 'ready' })
    // Positive control of "nothing written": a bump does change the row.
    await target.db.exec.write(() => forgetUserWork('eve2', RESTORED))
    expect(await target.db.prisma.userSettings.findUniqueOrThrow({ where: { userId: 'eve2' } })).not.toEqual(settings)
  })
})
