/**
 * Reads a deck file: YAML → the zod schema, with every problem reported as file:line: path: message.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml'
import { deckSchema, type DeckFile } from './schema'

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
    problems: parsed.error.issues.map((issue) => {
      const node = nodeAt(doc.contents, issue.path)
      const offset = node?.range?.[0]
      return {
        file,
        line: offset === undefined ? null : lineCounter.linePos(offset).line,
        path: issue.path.join('.'),
        message: issue.message,
      }
    }),
  }
}
