/**
 * An Anki collection's rows (lib/core/anki-package.ts) as an `.apkg` (issue #36): the older package layout current
 * Anki still imports, a zip holding `collection.anki21` (SQLite at schema 11, Anki's rslib/src/storage/schema11.sql)
 * and `media` (the JSON map of media files: none). Written with better-sqlite3 in memory and fflate's zip writer.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { zipSync, strToU8 } from 'fflate'
import type { AnkiCollection } from '../core/anki-package'

/** Anki's schema 11, as rslib/src/storage/schema11.sql creates it (without its placeholder col row). */
const SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL,
  dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL,
  tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL,
  lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the first field without HTML, as a number. */
export function fieldChecksum(strippedField: string): number {
  return parseInt(createHash('sha1').update(strippedField, 'utf8').digest('hex').slice(0, 8), 16)
}

/** The collection as SQLite bytes (schema 11). */
export function collectionBytes(collection: AnkiCollection): Buffer {
  const db = new Database(':memory:')
  try {
    db.exec(SCHEMA_11)
    db.prepare('INSERT INTO col VALUES (@id, @crt, @mod, @scm, @ver, @dty, @usn, @ls, @conf, @models, @decks, @dconf, @tags)').run(collection.col)
    const note = db.prepare('INSERT INTO notes VALUES (@id, @guid, @mid, @mod, @usn, @tags, @flds, @sfld, @csum, @flags, @data)')
    const card = db.prepare(
      'INSERT INTO cards VALUES (@id, @nid, @did, @ord, @mod, @usn, @type, @queue, @due, @ivl, @factor, @reps, @lapses, @left, @odue, @odid, @flags, @data)',
    )
    const revlog = db.prepare('INSERT INTO revlog VALUES (@id, @cid, @usn, @ease, @ivl, @lastIvl, @factor, @time, @type)')
    db.transaction(() => {
      for (const n of collection.notes) note.run({ ...n, csum: fieldChecksum(n.sfld) })
      for (const c of collection.cards) card.run(c)
      for (const r of collection.revlog) revlog.run(r)
    })()
    return db.serialize()
  } finally {
    db.close()
  }
}

/** The `.apkg`: the collection and an empty media map. */
export function ankiPackageBytes(collection: AnkiCollection): Uint8Array {
  return zipSync({ 'collection.anki21': new Uint8Array(collectionBytes(collection)), media: strToU8('{}') }, { level: 6 })
}
