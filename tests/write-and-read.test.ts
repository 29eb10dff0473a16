/**
 * Executor.writeAndRead (lib/db/sql.ts), which a grade uses to read the next cards: the read sees the write; a write
 * that fails is undone and nothing is read; a read that fails still leaves the write kept. On SQLite the read runs
 * right after the write's batch is committed, while its flush to disk runs (lib/db/group-commit.ts tests that the
 * answer waits for that flush).
 */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestUser, ENGINES, freshDatabase, type Engine, type TestDb } from './helpers'
import { get, run, sql } from '../lib/db/sql'

const BUMP = sql(`UPDATE "UserSettings" SET "studyEpoch" = "studyEpoch" + 1 WHERE "userId" = ?`)
const EPOCH = sql<{ studyEpoch: number }>(`SELECT "studyEpoch" FROM "UserSettings" WHERE "userId" = ?`)

describe.each<Engine>(ENGINES)('writeAndRead on %s', (engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await freshDatabase(engine)
    await createTestUser(t.db, 'ada')
  })
  afterEach(() => t.close())

  const epoch = () => t.db.exec.read(() => get(EPOCH, ['ada']))

  it('reads what the write wrote, once the write is committed', async () => {
    const { written, read } = await t.db.exec.writeAndRead(
      function* () {
        return yield* run(BUMP, ['ada'])
      },
      (changed) => (changed === 1 ? get(EPOCH, ['ada']) : undefined),
    )
    expect(written).toBe(1)
    expect(read?.studyEpoch).toBe(1)
    expect((await epoch())?.studyEpoch).toBe(1)
  })

  it('nothing to read gives undefined', async () => {
    const out = await t.db.exec.writeAndRead(() => run(BUMP, ['ada']), () => undefined)
    expect(out).toEqual({ written: 1, read: undefined })
  })

  it('a write that throws is undone, and nothing is read', async () => {
    let asked = false
    const failing = t.db.exec.writeAndRead(
      function* () {
        yield* run(BUMP, ['ada'])
        throw new Error('refused')
      },
      () => {
        asked = true
        return get(EPOCH, ['ada'])
      },
    )
    await expect(failing).rejects.toThrow('refused')
    expect(asked).toBe(false)
    expect((await epoch())?.studyEpoch).toBe(0)
  })

  it('a read that throws rejects, and the write is kept', async () => {
    const failing = t.db.exec.writeAndRead(
      () => run(BUMP, ['ada']),
      function* () {
        yield* get(EPOCH, ['ada'])
        throw new Error('read failed')
      },
    )
    await expect(failing).rejects.toThrow('read failed')
    expect((await epoch())?.studyEpoch).toBe(1)
  })

  it.runIf(engine === 'sqlite')('on SQLite the read runs after the COMMIT (the flush to disk is waited for: lib/db/group-commit.test.ts)', async () => {
    const other = new Database(t.url.replace(/^file:/, ''), { readonly: true })
    try {
      let seenElsewhere: number | undefined
      const { read } = await t.db.exec.writeAndRead(
        () => run(BUMP, ['ada']),
        () => {
          // Another connection sees the write already: it is committed when the read begins.
          seenElsewhere = (other.prepare(EPOCH.text).get('ada') as { studyEpoch: number }).studyEpoch
          return get(EPOCH, ['ada'])
        },
      )
      expect(seenElsewhere).toBe(1)
      expect(read?.studyEpoch).toBe(1)
    } finally {
      other.close()
    }
  })
})
