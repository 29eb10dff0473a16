/**
 * The deck as a text file Anki imports (File → Import), issue #36. The header lines are the ones Anki's own note
 * export writes and its importer reads (rslib/src/import_export/text/csv/export.rs and metadata.rs): the separator,
 * HTML fields, then which column holds the GUID, the note type, the deck and the tags; `#if matches:update current`
 * makes a second import of the same file update the notes of the first (found by GUID) instead of adding copies.
 * Records are tab-separated: GUID, note type, deck, the two fields, tags. Anki reads them with a CSV reader (quote
 * `"`, doubled inside), so a value holding a quote, tab or line break is quoted; fields are HTML, where line breaks
 * are `<br>` already (./anki-notes.ts).
 */
import type { AnkiNote } from './anki-notes'

/** Columns, 1-based, as the header names them. */
export const ANKI_TEXT_COLUMNS = { guid: 1, notetype: 2, deck: 3, fields: [4, 5], tags: 6 } as const

/** The header lines, in the order Anki's own export writes them. */
export const ANKI_TEXT_HEADER = [
  '#separator:tab',
  '#html:true',
  `#guid column:${ANKI_TEXT_COLUMNS.guid}`,
  `#notetype column:${ANKI_TEXT_COLUMNS.notetype}`,
  `#deck column:${ANKI_TEXT_COLUMNS.deck}`,
  `#tags column:${ANKI_TEXT_COLUMNS.tags}`,
  '#if matches:update current',
] as const

/**
 * One value of a record: quoted when it holds what would end it (a quote, tab or line break), as a CSV writer does.
 * @example textValue('say "hi"') // '"say ""hi"""'
 */
export function textValue(value: string): string {
  return /["\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A note as one record (one line). */
export function ankiTextRecord(note: AnkiNote): string {
  return [note.guid, note.notetype, note.deck, ...note.fields, note.tags.join(' ')].map(textValue).join('\t')
}

/** The whole file: header lines, then one record a note, each line ended by a line feed. UTF-8 when written. */
export function ankiTextFile(notes: readonly AnkiNote[]): string {
  return [...ANKI_TEXT_HEADER, ...notes.map(ankiTextRecord)].map((line) => `${line}\n`).join('')
}
