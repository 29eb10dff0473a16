/**
 * The card browser's forms (app/actions/browse.ts), parsed once: which change, to which cards at which versions, and
 * where to go back to. Pure, so the rules are tested without a server.
 */
import { createHash } from 'node:crypto'
import { z } from './zod'
import { MANUAL_KINDS, type ManualKind } from './log-kinds'

/** The changes the browser offers (bury from the card's page; the review screen has it too). */
export const BROWSER_CHANGES = MANUAL_KINDS
export type BrowserChange = ManualKind

/** The most cards one submit changes (the deck has a few hundred). */
export const MAX_CARDS_PER_CHANGE = 500

/** Where a form returns: the browser (with its filters) or a card's page. */
export const backPath = z.string().max(2000).regex(/^\/browse(\/[A-Za-z0-9._-]{1,200})?(\?[^\s#]*)?$/)

/** A selected card and the version the page showed, "cardId:version". */
const cardRef = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}:[0-9]{1,9}$/)
  .transform((ref) => {
    const at = ref.lastIndexOf(':')
    return { cardId: ref.slice(0, at), version: Number(ref.slice(at + 1)) }
  })

export const changeCardsSchema = z.strictObject({
  op: z.enum(BROWSER_CHANGES),
  /** The page's own id for this submit: a second submit of the same page (a double click, a resent form) is a replay. */
  batch: z.uuid(),
  back: backPath,
  card: z.array(cardRef).min(1).max(MAX_CARDS_PER_CHANGE),
})

export const undoSchema = z.strictObject({ expect: z.uuid(), back: backPath })

/** A form's fields as the schemas take them: `card` may repeat (one per selected row); anything else once. */
export function formFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue
    fields[key] = key === 'card' ? form.getAll(key) : form.get(key)
  }
  return fields
}

/**
 * The log id of one card's change in a submit: the same submit, the same id (so a retry is answered as a replay), a
 * UUID as the log's other ids.
 * @example changeId('5f0c…', 'reset', '01-02.c1') // "3b1e…-…"
 */
export function changeId(batch: string, op: BrowserChange, cardId: string): string {
  const hex = createHash('sha256').update(`${batch}|${op}|${cardId}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** What a submit did, as the page that follows reads it from its URL. */
export type ChangeSummary = { op: BrowserChange; changed: number; unchanged: number; stale: number; undo: string | null }

const SUMMARY_KEYS = ['done', 'changed', 'unchanged', 'stale', 'undo', 'undone', 'invalid'] as const

/** `back` with the summary of what was done in its query (an earlier summary replaced). */
export function withSummary(back: string, summary: Record<string, string | number | null>): string {
  const url = new URL(back, 'http://local')
  for (const key of SUMMARY_KEYS) url.searchParams.delete(key)
  for (const [key, value] of Object.entries(summary)) if (value !== null) url.searchParams.set(key, String(value))
  return url.pathname + url.search
}

const count = z.coerce.number().int().min(0).max(MAX_CARDS_PER_CHANGE).catch(0)

/** The summary a page's URL carries (nothing when it carries none or a malformed one). */
export function summaryOf(params: Record<string, string | string[] | undefined>): { change: ChangeSummary | null; undone: 'yes' | 'nothing' | 'changed' | null } {
  const one = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k])
  const op = z.enum(BROWSER_CHANGES).safeParse(one('done'))
  const undo = z.uuid().safeParse(one('undo'))
  const undone = z.enum(['yes', 'nothing', 'changed']).safeParse(one('undone'))
  return {
    change: op.success ? { op: op.data, changed: count.parse(one('changed')), unchanged: count.parse(one('unchanged')), stale: count.parse(one('stale')), undo: undo.success ? undo.data : null } : null,
    undone: undone.success ? undone.data : null,
  }
}
