import { describe, expect, it } from 'vitest'
import { readAccountFile, summarize } from './account-file'

const AT = '2027-03-12T14:00:00.000Z'
const state = {
  cardId: 'deck/c1', due: '2027-03-13T08:00:00.000Z', stability: 2.3065, difficulty: 2.11810397, elapsedDays: 0, scheduledDays: 1, learningSteps: 0,
  reps: 1, lapses: 0, state: 2, lastReview: AT, version: 1, updatedAt: AT, suspended: false, leech: false,
}
const log = {
  id: '0b5c1a8e-6f0e-4c47-9d2a-1b8f9c1e2d3a', cardId: 'deck/c1', kind: 'review', rating: 3, state: 0, due: AT, stability: 0, difficulty: 0,
  elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: AT, studyDay: 20_524, durationMs: 4000, undone: false,
  stateBefore: null, versionAfter: 1, createdAt: AT, sequence: 1,
}
/** A file as the version 1 export wrote it (no talks, the account's createdAt, settings without weights). */
const v1 = {
  exportedAt: AT, format: 'keyclaims-export', version: 1,
  user: { id: 'u1', name: 'Ann', email: 'ann@example.test', createdAt: AT },
  settings: { timeZone: 'Europe/Berlin', rolloverHour: 4, displayLanguage: 'en', newPerDay: 20, maxReviewsPerDay: 200, desiredRetention: 0.9, learningSteps: '1m 10m', relearningSteps: '10m', maximumInterval: 36500, burySiblings: true, leechThreshold: 8, newCardOrder: 'deck', interfaceLanguage: 'en' },
  cardStates: [state],
  reviewLogs: [log],
  claimsLearned: [{ claimId: 'claim-1', learnedAt: AT, learnedByReviewId: log.id }],
  quizzes: [{ id: 'q1', options: { scope: 'all', length: 1 }, cardIds: ['deck/c1'], cardCount: 1, position: 0, countAsReviews: false, startedAt: AT, finishedAt: null, talkId: 'gone', answers: [] }],
}
const text = (value: unknown) => JSON.stringify(value)
const problemsOf = (value: unknown) => {
  const read = readAccountFile(typeof value === 'string' ? value : text(value))
  return 'problems' in read ? read.problems : []
}

describe('the account file', () => {
  it('reads a version 1 file (positive control): dates as dates, no talks, a quiz\'s missing talk unlinked', () => {
    const read = readAccountFile(text(v1))
    if ('problems' in read) throw new Error(JSON.stringify(read.problems))
    expect(read.file.cardStates[0]!.due).toEqual(new Date('2027-03-13T08:00:00.000Z'))
    expect(read.file.talks).toEqual([])
    expect(read.file.quizzes[0]!.talkId).toBeNull()
    expect(summarize(read.file)).toMatchObject({ version: 1, cardStates: 1, logEntries: 1, answers: 1, talks: 0, quizzes: 1, settings: 13, reading: false })
  })

  it('reads version 2 with talks and weights, and ignores a section it does not know', () => {
    const talk = { id: 't1', title: 'Keynote', date: '2027-04-20', sections: ['deck/02'], tags: [], minutesPerDay: 15, createdAt: AT }
    const v2 = { ...v1, version: 2, talks: [talk], quizzes: [{ ...v1.quizzes[0], talkId: 't1' }], settings: { ...v1.settings, fsrsParameters: { w: [0.4, 1.2] } }, bookmarks: { passage: 3 } }
    const read = readAccountFile(text(v2))
    if ('problems' in read) throw new Error(JSON.stringify(read.problems))
    expect(read.file.quizzes[0]!.talkId).toBe('t1')
    expect(read.file.settings.fsrsParameters).toEqual({ w: [0.4, 1.2] })
    expect('bookmarks' in read.file).toBe(false)
    const withPlace = readAccountFile(text({ ...v2, reading: { deckId: 'deck', sectionId: '02', passage: 3, updatedAt: AT } }))
    if ('problems' in withPlace) throw new Error(JSON.stringify(withPlace.problems))
    expect(summarize(withPlace.file).reading).toBe(true)
  })

  it('numbers the log of a version 1 file written before sequence numbers 1..n in file order; version 2 needs them', () => {
    const { sequence: _s, ...unnumbered } = log
    const logs = [unnumbered, { ...unnumbered, id: 'second' }, { ...unnumbered, id: 'third' }]
    const read = readAccountFile(text({ ...v1, reviewLogs: logs }))
    if ('problems' in read) throw new Error(JSON.stringify(read.problems))
    expect(read.file.reviewLogs.map((l) => [l.id, l.sequence])).toEqual([[log.id, 1], ['second', 2], ['third', 3]])
    // Numbers are checked after the numbering: an entry numbered 2 beside one numbered by its place (2) collides.
    expect(problemsOf({ ...v1, reviewLogs: [{ ...log, sequence: 2 }, { ...unnumbered, id: 'second' }] })).toEqual([
      { code: 'invalid', where: 'reviewLogs[1].sequence', message: expect.stringContaining('twice') },
    ])
    expect(problemsOf({ ...v1, version: 2, reviewLogs: logs })[0]).toMatchObject({ code: 'invalid', where: 'reviewLogs[0].sequence' })
  })

  it('refuses an unknown format version, and a file that is not an export', () => {
    expect(problemsOf({ ...v1, version: 3 })).toEqual([{ code: 'unknown-version', where: 'version', message: expect.stringContaining('versions 1 and 2') }])
    expect(problemsOf({ ...v1, version: '2' })[0]!.code).toBe('unknown-version')
    expect(problemsOf({ ...v1, format: 'anki' })[0]!.code).toBe('not-export')
    expect(problemsOf([1, 2])[0]!.code).toBe('not-export')
  })

  it('refuses a log entry with a rating of 7, saying which entry', () => {
    const bad = { ...v1, reviewLogs: [log, { ...log, id: 'second', sequence: 2, rating: 7 }] }
    expect(problemsOf(bad)).toEqual([{ code: 'invalid', where: 'reviewLogs[1].rating', message: expect.stringContaining('1 Again') }])
  })

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(problemsOf('\uFEFF' + text(v1))).toEqual([])
    expect(problemsOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(v1))]).toString('utf8'))).toEqual([])
  })

  it('refuses a truncated file, as text and as JSON cut anywhere', () => {
    const whole = text(v1)
    for (const cut of [1, 100, whole.length - 1]) expect(problemsOf(whole.slice(0, cut))[0]!.code).toBe('truncated')
    expect(problemsOf('not json at all')[0]!.code).toBe('not-json')
  })

  it('names where a field is wrong, and ids given twice', () => {
    expect(problemsOf({ ...v1, cardStates: [{ ...state, due: 'yesterday' }] })[0]!.where).toBe('cardStates[0].due')
    expect(problemsOf({ ...v1, reviewLogs: [log, { ...log, sequence: 2 }] })).toEqual([{ code: 'invalid', where: 'reviewLogs[1].id', message: expect.stringContaining('twice') }])
    expect(problemsOf({ ...v1, reviewLogs: [{ ...log, kind: 'suspend' }] })[0]!.where).toBe('reviewLogs[0].rating')
    expect(problemsOf({ ...v1, reviewLogs: [{ ...log, stateBefore: { due: 1 } }] })[0]!.where).toMatch(/^reviewLogs\[0\]\.stateBefore/)
    expect(problemsOf({ ...v1, settings: { ...v1.settings, timeZone: 'Mars/Olympus' } })[0]!.where).toBe('settings.timeZone')
  })
})
