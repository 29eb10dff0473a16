import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { unzipSync, strFromU8 } from 'fflate'
import { buildAnkiNotes, type AnkiCardSource } from '../core/anki-notes'
import { ankiCollection, type AnkiLogEntry } from '../core/anki-package'
import { studyDay } from '../core/study-day'
import { TEST_LABELS as labels, testSettings } from '../core/anki-fixtures'
import { ankiPackageBytes, fieldChecksum } from './anki-package-file'

const base = { deckTitleEn: 'D', deckTitleZh: 'D', sectionId: '01', sectionTitleEn: 'S', sectionTitleZh: 'S', claimTextEn: 'c', claimTextZh: 'c', whyEn: 'w', whyZh: 'w', importance: 'core', tags: ['t'] }
const cards: AnkiCardSource[] = [
  { ...base, cardId: 'q1', noteId: 'q1', kind: 'basic', ordinal: 0, position: 1, frontEn: 'Q <1>?', frontZh: 'Q', backEn: 'A', backZh: 'A' },
  { ...base, cardId: 'z1.c1', noteId: 'z1', kind: 'cloze', ordinal: 1, position: 2, frontEn: '{{c1::a}} {{c2::b}}', frontZh: '', backEn: '', backZh: '' },
  { ...base, cardId: 'z1.c2', noteId: 'z1', kind: 'cloze', ordinal: 2, position: 3, frontEn: '{{c1::a}} {{c2::b}}', frontZh: '', backEn: '', backZh: '' },
]
const settings = testSettings('UTC')

/** The package opened as a test would open a file Anki imports: unzipped, its collection read with SQLite. */
function open(bytes: Uint8Array) {
  const files = unzipSync(bytes)
  return { names: Object.keys(files).sort(), media: strFromU8(files.media!), db: new Database(Buffer.from(files['collection.anki21']!)) }
}

describe('the .apkg file', () => {
  const now = new Date('2026-12-06T12:00:00Z')
  const answeredAt = new Date('2026-12-06T09:00:00Z')
  const after = { due: new Date('2026-12-06T09:10:00Z'), stability: 2, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 1, reps: 1, lapses: 0, state: 1, lastReview: answeredAt }
  const log: AnkiLogEntry[] = [
    { cardId: 'q1', kind: 'review', rating: 3, answeredAt, durationMs: 5000, before: null, after },
    { cardId: 'z1.c1', kind: 'review', rating: 3, answeredAt, durationMs: 5000, before: null, after },
  ]
  const collection = ankiCollection({
    notes: buildAnkiNotes(cards, 'en', labels),
    states: new Map([['q1', { ...after, suspended: false }]]),
    buried: new Map(),
    log,
    settings,
    today: studyDay(now, 'UTC', 4),
    now,
  })

  it('is a zip of collection.anki21 (SQLite at schema 11) and an empty media map', () => {
    const { names, media, db } = open(ankiPackageBytes(collection))
    expect(names).toEqual(['collection.anki21', 'media'])
    expect(media).toBe('{}')
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog'])
    expect(db.prepare('SELECT ver, crt FROM col').get()).toEqual({ ver: 11, crt: collection.col.crt })
    expect(db.prepare('SELECT COUNT(*) FROM notes').pluck().get()).toBe(2)
    expect(db.prepare('SELECT COUNT(*) FROM cards').pluck().get()).toBe(3)
    expect(db.prepare('SELECT id, ease, ivl, type FROM revlog ORDER BY id').all()).toEqual([
      { id: answeredAt.getTime(), ease: 3, ivl: -600, type: 0 },
      { id: answeredAt.getTime() + 1, ease: 3, ivl: -600, type: 0 },
    ])
    const note = db.prepare("SELECT flds, sfld, csum FROM notes WHERE guid = 'keyclaims:en:q1'").get() as { flds: string; sfld: string; csum: number }
    expect(note.flds.split('\x1f')[0]).toBe('Q &lt;1&gt;?')
    expect(note.sfld).toBe('Q <1>?')
    expect(note.csum).toBe(fieldChecksum('Q <1>?'))
    db.close()
  })

  it('writes Anki’s checksum: the first 8 hex digits of the SHA-1, as a number', () => {
    // sha1("hello") = aaf4c61d…
    expect(fieldChecksum('hello')).toBe(0xaaf4c61d)
  })
})
