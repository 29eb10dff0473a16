import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDeck } from './parse'
import { expandCard } from './schema'

describe('data/README.md', () => {
  it('documents a complete deck that the loader accepts, with one card per cloze ordinal', () => {
    const readme = readFileSync(path.join(process.cwd(), 'data', 'README.md'), 'utf8')
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toBeTruthy()
    const result = parseDeck(example!, 'data/README.md')
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`).join('\n'))
    const cards = result.deck.sections.flatMap((s) => s.claims.flatMap((c) => c.cards.flatMap(expandCard)))
    expect(cards.map((c) => c.id)).toEqual(['s01-symbols-q1', 's01-symbols-z1.c1', 's01-symbols-z1.c2'])
  })
})
