/**
 * Reads a deck file: YAML → the zod schema, with every problem reported as file:line: path: message.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml'
import { deckSchema, type DeckFile } from './schema'
import { idReused, type Ledger } from './ledger'
import { lintDeck } from './lint'

export type DeckProblem = { file: string; line: number | null; path: string; message: string }

export type DeckParseResult = { ok: true; deck: DeckFile } | { ok: false; problems: DeckProblem[] }

export function formatProblem(p: DeckProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`
}

/** The YAML node at a schema path, to report the line of a problem. */
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | null {
  let node = root as Node | null
  for (const key of path) {
    if (isMap(node)) node = (node.get(key as string, true) as Node | undefined) ?? node
    else if (isSeq(node) && typeof key === 'number') node = (node.get(key, true) as Node | undefined) ?? node
    else break
  }
  return node ?? null
}

/**
 * Parses a deck and runs the prompt lints (lib/deck/lint.ts) on it, and, given the deck's ledger, rule id-reused
 * (lib/deck/ledger.ts): every schema problem, or else every lint finding, as a problem with its line. The message
 * starts with the card id and the rule, e.g. `s01-gpus-z1.c2: [cloze-visible] …`.
 */
export function checkDeck(source: string, file: string, ledger?: Ledger): DeckProblem[] {
  const parsed = parseDeck(source, file)
  if (!parsed.ok) return parsed.problems
  if (ledger && ledger.deck !== parsed.deck.id) {
    return [{ file, line: null, path: 'id', message: `the ledger beside this file is deck "${ledger.deck}"'s, not "${parsed.deck.id}"'s` }]
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter })
  return lintDeck(parsed.deck, ledger ? [(claim) => idReused(claim, ledger)] : []).map((f) => ({
    file,
    line: lineAt(doc.contents, lineCounter, f.path),
    path: f.path.join('.'),
    message: `${f.cardId}: [${f.rule}] ${f.message}`,
  }))
}

function lineAt(root: unknown, lineCounter: LineCounter, path: readonly PropertyKey[]): number | null {
  const offset = nodeAt(root, path)?.range?.[0]
  return offset === undefined ? null : lineCounter.linePos(offset).line
}

export function parseDeck(source: string, file: string): DeckParseResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: e.message.split('\n')[0]!,
      })),
    }
  }
  const parsed = deckSchema.safeParse(doc.toJS())
  if (parsed.success) return { ok: true, deck: parsed.data }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      file,
      line: lineAt(doc.contents, lineCounter, issue.path),
      path: issue.path.join('.'),
      message: issue.message,
    })),
  }
}
