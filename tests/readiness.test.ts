import { afterEach, describe, expect, it } from 'vitest'
import { checkReadiness } from '../lib/data/readiness'
import { ENGINES, freshDatabase, type TestDb } from './helpers'

const NOW = new Date('2026-03-08T06:30:00.000Z') // the morning US clocks change: readiness has no day logic, any instant does
let t: TestDb | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
})

describe.each(ENGINES)('GET /api/ready on %s', (engine) => {
  // The first fresh database of a run migrates a template (seconds on a loaded machine).
  it('is ready when a row can be written and committed, and writes only its one row', { timeout: 60_000 }, async () => {
    t = await freshDatabase(engine)
    const target = { exec: t.db.exec, sqlitePath: engine === 'sqlite' ? `${t.dir}/test.db` : '' }
    expect(await checkReadiness(target, NOW)).toMatchObject({ ready: true })
    expect(await checkReadiness(target, new Date(NOW.getTime() + 1000))).toMatchObject({ ready: true })
    const rows = await t.db.prisma.readiness.findMany()
    expect(rows.map((r) => [r.id, r.checkedAt.toISOString()])).toEqual([[1, '2026-03-08T06:30:01.000Z']])
  })
})

describe('GET /api/ready on sqlite, when writes would fail', () => {
  it('is not ready when the database refuses writes, and says why', async () => {
    t = await freshDatabase('sqlite')
    await t.db.withSqlite((sqlite) => sqlite.pragma('query_only = ON'))
    const readiness = await checkReadiness({ exec: t.db.exec, sqlitePath: `${t.dir}/test.db` }, NOW)
    expect(readiness).toMatchObject({ ready: false })
    expect(readiness.ready === false && readiness.problem).toMatch(/refused a write: .*readonly/i)
  })

  it("is not ready when the database's disk is nearly full", async () => {
    t = await freshDatabase('sqlite')
    const readiness = await checkReadiness({ exec: t.db.exec, sqlitePath: `${t.dir}/test.db`, minFreeDiskBytes: Number.MAX_SAFE_INTEGER }, NOW)
    expect(readiness.ready === false && readiness.problem).toMatch(/bytes free, under/)
  })
})
