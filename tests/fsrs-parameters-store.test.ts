/**
 * The person's FSRS parameters on both engines (issue #35): a fit on a synthetic history of more than 1,000 answers
 * made through the app's own grade path; the new weights kept only when their log loss is lower, every card's memory
 * state recomputed from the log with them (due dates kept), restore putting back the old weights and states while
 * nothing was answered since; too few answers say how many more are needed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, gradeApplied, type Engine, type TestDb } from './helpers'
import { createFsrsParameters, type FsrsParameters } from '../lib/data/fsrs-parameters-service'
import { createOptimizer } from '../lib/server/optimizer'
import { fitEvaluation, fitItems, memoryStatesFromLog } from '../lib/core/fsrs-fit'
import { DEFAULT_WEIGHTS } from '../lib/core/scheduler'
import { gradeSyntheticHistory } from './synthetic-history'

const START_MS = Date.UTC(2026, 0, 5)

describe.each<Engine>(ENGINES)('FSRS parameters on %s', (engine) => {
  let t: TestDb
  let params: FsrsParameters
  beforeEach(async () => {
    t = await freshDatabase(engine)
    params = createFsrsParameters(t.db.exec)
    await createTestUser(t.db, 'ann', { newPerDay: 40 })
    await createTestUser(t.db, 'bob')
  })
  afterEach(async () => t.close())

  const cardIds = async (n: number) => (await t.db.prisma.card.findMany({ where: { retired: false }, orderBy: [{ position: 'asc' }, { id: 'asc' }], take: n })).map((c) => c.id)
  const states = async (userId: string) =>
    new Map((await t.db.prisma.cardState.findMany({ where: { userId } })).map((s) => [s.cardId, { stability: s.stability, difficulty: s.difficulty, due: s.due.getTime(), version: s.version }]))
  const log = async (userId: string) =>
    (await t.db.prisma.reviewLog.findMany({ where: { userId }, orderBy: { sequence: 'asc' } })).map((l) => ({ ...l, reviewMs: l.review.getTime() }))

  it('fits >1,000 answers, keeps the new weights only as their log loss fell, recomputes states, and restores the old ones', async () => {
    const study = t.study()
    const now = await gradeSyntheticHistory(study, { userId: 'ann', cardIds: await cardIds(120), answers: 1100, startMs: START_MS, newPerDay: 40 })
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann', kind: 'review' } })).toBe(1100)
    const before = await states('ann')
    const view = await params.view('ann')
    expect(view).toMatchObject({ custom: false, canRestore: false, readiness: { kind: 'enough' } })

    const optimizer = createOptimizer(params)
    const started = await optimizer.start('ann', () => now)
    expect(started.status.kind).toBe('running')
    // One run at a time per server: another person waits; the same person sees theirs.
    expect((await optimizer.start('bob', () => now)).status).toEqual({ kind: 'busy' })
    expect(optimizer.status('ann').kind).toBe('running')
    const outcome = (await started.done)!
    console.log(`[${engine}] ${outcome.kind === 'kept' ? `${outcome.items} items: log loss ${outcome.before.logLoss.toFixed(4)} → ${outcome.after.logLoss.toFixed(4)}, RMSE(bins) ${outcome.before.rmseBins.toFixed(4)} → ${outcome.after.rmseBins.toFixed(4)}` : outcome.kind}`)
    expect(outcome.kind).toBe('kept')
    if (outcome.kind !== 'kept') return
    expect(outcome.after.logLoss).toBeLessThan(outcome.before.logLoss)
    expect(optimizer.status('ann')).toEqual({ kind: 'idle', outcome })

    // The weights are the person's, with how they were fitted; the figures are those of the items as the core evaluates.
    const after = await params.view('ann')
    expect(after.custom).toBe(true)
    expect(after.weights).not.toEqual(DEFAULT_WEIGHTS)
    expect(after.fit).toMatchObject({ items: outcome.items, before: outcome.before, after: outcome.after })
    expect(after.canRestore).toBe(true)
    const entries = await log('ann')
    const items = fitItems(entries)
    expect(fitEvaluation(after.weights, items)!.logLoss).toBeCloseTo(outcome.after.logLoss, 9)
    expect(fitEvaluation(DEFAULT_WEIGHTS, items)!.logLoss).toBeCloseTo(outcome.before.logLoss, 9)

    // States recomputed from the log with the new weights; due dates kept; versions bumped.
    const expected = memoryStatesFromLog(after.weights, entries)
    const recomputed = await states('ann')
    let changed = 0
    for (const [cardId, s] of recomputed) {
      expect(s.stability).toBeCloseTo(expected.get(cardId)!.stability, 9)
      expect(s.difficulty).toBeCloseTo(expected.get(cardId)!.difficulty, 9)
      expect(s.due).toBe(before.get(cardId)!.due)
      if (s.version !== before.get(cardId)!.version) changed += 1
    }
    expect(changed).toBe(outcome.cards)
    expect(changed).toBeGreaterThan(100)
    // Every scheduling path reads them: the review screen's intervals come from the new weights.
    const config = await t.db.prisma.userSettings.findUnique({ where: { userId: 'ann' } })
    expect(JSON.parse(config!.fsrsParameters!).w).toEqual(after.weights)

    // Restore: the old weights (the defaults) and every card's state as it was, due dates untouched.
    expect(await params.restore('ann', now)).toMatchObject({ kind: 'restored', cards: outcome.cards })
    expect(await params.view('ann')).toMatchObject({ custom: false, canRestore: false })
    for (const [cardId, s] of await states('ann')) {
      expect([s.stability, s.difficulty, s.due]).toEqual([before.get(cardId)!.stability, before.get(cardId)!.difficulty, before.get(cardId)!.due])
    }
    expect(await params.restore('ann', now)).toEqual({ kind: 'nothing' })
    // Bob's cards and parameters were never touched.
    expect((await states('bob')).size).toBe(0)
    expect((await params.view('bob')).custom).toBe(false)
  }, 180_000)

  it('keeps the weights in use when the fit\'s log loss is not lower (a fit made worse on purpose)', async () => {
    const study = t.study()
    const now = await gradeSyntheticHistory(study, { userId: 'ann', cardIds: await cardIds(40), answers: 300, startMs: START_MS, newPerDay: 20, seed: 3 })
    const before = await states('ann')
    const outcome = (await (await createOptimizer(params, { modulePath: 'tests/worker-jobs/worse-fit-job.ts', exportName: 'worseFitJob' }).start('ann', () => now)).done)!
    expect(outcome.kind).toBe('not-better')
    if (outcome.kind !== 'not-better') return
    expect(outcome.after.logLoss).toBeGreaterThan(outcome.before.logLoss)
    expect(await params.view('ann')).toMatchObject({ custom: false, canRestore: false, fit: null })
    expect(await states('ann')).toEqual(before)
  }, 120_000)

  it('after Cancel, the same person is told their cancelled fit is still finishing; another, that a fit runs; nothing is written', async () => {
    const study = t.study()
    const now = await gradeSyntheticHistory(study, { userId: 'ann', cardIds: await cardIds(20), answers: 100, startMs: START_MS, newPerDay: 10, seed: 5 })
    const before = await states('ann')
    const optimizer = createOptimizer(params, { modulePath: 'tests/worker-jobs/slow-fit-job.ts', exportName: 'slowFitJob' })
    const started = await optimizer.start('ann', () => now)
    expect(started.status.kind).toBe('running')
    expect(optimizer.cancel('ann')).toBe(true)
    await vi.waitFor(() => expect(optimizer.status('ann')).toEqual({ kind: 'idle', outcome: { kind: 'cancelled' } }))
    // The thread runs on (3 s): no fit starts until it exits.
    expect((await optimizer.start('ann', () => now)).status).toEqual({ kind: 'busy', ownCancelled: true })
    expect((await optimizer.start('bob', () => now)).status).toEqual({ kind: 'busy' })
    expect(await started.done).toEqual({ kind: 'cancelled' })
    expect(await states('ann')).toEqual(before)
    expect((await params.view('ann')).custom).toBe(false)
  }, 120_000)

  it('restores nothing once something was answered since the change; reset to defaults is restorable too', async () => {
    const study = t.study()
    const ids = await cardIds(30)
    const now = await gradeSyntheticHistory(study, { userId: 'ann', cardIds: ids, answers: 200, startMs: START_MS, newPerDay: 15, seed: 7 })
    const custom = [...DEFAULT_WEIGHTS]
    custom[0] = 0.5
    custom[2] = 2.5
    const { basis } = await params.fitInput('ann')
    const fit = { atMs: now.getTime(), items: 1, before: { logLoss: 0.5, rmseBins: 0.1 }, after: { logLoss: 0.4, rmseBins: 0.05 } }
    // Compare-and-swap: weights fitted from other parameters than those stored are not written.
    expect(await params.adopt('ann', '{"w":[]}', custom, fit, now)).toEqual({ kind: 'changed-meanwhile' })
    expect(await params.adopt('ann', basis, custom, fit, now)).toMatchObject({ kind: 'saved' })
    expect(await params.adopt('ann', basis, custom, fit, now)).toEqual({ kind: 'changed-meanwhile' })

    const reset = await params.resetToDefaults('ann', now)
    expect(reset.kind).toBe('saved')
    expect((await params.view('ann')).custom).toBe(false)
    expect(await params.restore('ann', now)).toMatchObject({ kind: 'restored' })
    expect((await params.view('ann')).weights).toEqual(custom)

    // Changed again, then one answer: restore is no longer offered, and refused.
    expect((await params.resetToDefaults('ann', now)).kind).toBe('saved')
    expect((await params.view('ann')).canRestore).toBe(true)
    const due = [...(await states('ann'))].sort((a, b) => a[1].due - b[1].due)[0]![0]
    await gradeApplied(t.db, study, 'ann', due, 3, new Date(now.getTime() + 30 * 86_400_000))
    expect((await params.view('ann')).canRestore).toBe(false)
    expect(await params.restore('ann', now)).toEqual({ kind: 'answered-since' })
    expect((await params.view('ann')).weights).toEqual(DEFAULT_WEIGHTS)
  }, 120_000)

  it('with 10 answers says how many more answers to cards studied on an earlier day are needed, and fits nothing', async () => {
    const study = t.study()
    const [a, b, c] = await cardIds(3)
    const day = (n: number, h = 15) => new Date(START_MS + n * 86_400_000 + h * 3_600_000)
    // Day 0: three new cards, each Good (10m step) then Good: 6 answers, same-day steps, no items.
    for (const id of [a!, b!, c!]) {
      await gradeApplied(t.db, study, 'ann', id, 3, day(0))
      await gradeApplied(t.db, study, 'ann', id, 3, day(0, 16))
    }
    // Later days: 4 more answers to cards studied before: 4 items.
    for (const [id, n] of [[a!, 3], [b!, 3], [c!, 4], [a!, 12]] as const) {
      const due = (await t.db.prisma.cardState.findUnique({ where: { userId_cardId: { userId: 'ann', cardId: id } } }))!.due
      await gradeApplied(t.db, study, 'ann', id, 3, new Date(Math.max(due.getTime(), day(n).getTime())))
    }
    expect(await t.db.prisma.reviewLog.count({ where: { userId: 'ann' } })).toBe(10)
    expect((await params.view('ann')).readiness).toEqual({ kind: 'too-few', items: 4, more: 4 })
    const started = await createOptimizer(params).start('ann', () => day(20))
    expect(started.status).toEqual({ kind: 'idle', outcome: { kind: 'too-few', readiness: { kind: 'too-few', items: 4, more: 4 } } })
    expect((await params.view('ann')).custom).toBe(false)
  }, 60_000)
})
