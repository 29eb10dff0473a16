import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EN_BACK_NOUNS } from './lint-honest'
import { LINT_RULES } from './lint-rules'
import { parseDeck } from './parse'
import { expandCard } from './schema'
import { NAME_WORDS, STOP_WORDS, SUFFIXES, ZH_NAMES, ZH_PARTICLES } from './words'

const readme = readFileSync(path.join(process.cwd(), 'data', 'README.md'), 'utf8')

describe('data/README.md', () => {
  it('documents a complete deck that the loader accepts, with one card per cloze ordinal', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(example).toBeTruthy()
    const result = parseDeck(example!, 'data/README.md')
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`).join('\n'))
    const cards = result.deck.sections.flatMap((s) => s.claims.flatMap((c) => c.cards.flatMap(expandCard)))
    expect(cards.map((c) => c.id)).toEqual(['s01-symbols-q1', 's01-symbols-z1.c1', 's01-symbols-z1.c2'])
  })

  it('lists every lint rule in its table', () => {
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1])
    expect(LINT_RULES.filter((r) => !rows.includes(r))).toEqual([])
  })

  it('states the word lists the lints use, as the code has them (the code is the source)', () => {
    /** The code spans of the README line that starts with "- **<label>**". */
    const spans = (label: string) => {
      const line = readme.split('\n').find((l) => l.startsWith(`- **${label}**`))
      expect(line, label).toBeTruthy()
      return [...line!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
    }
    const words = (span: string) => span.split(/\s+/).filter(Boolean)
    expect(words(spans('English stop words').at(-1)!)).toEqual([...STOP_WORDS])
    expect(spans('Names').map(words)).toEqual([[...NAME_WORDS], [...ZH_NAMES]])
    expect(words(spans('Suffixes folded').at(-1)!)).toEqual([...SUFFIXES])
    expect([...spans('Chinese particles')[0]!]).toEqual([...ZH_PARTICLES])
    const backNouns = /followed by one of `([^`]+)`/.exec(readme.replace(/\n\s*/g, ' '))?.[1]
    expect(words(backNouns ?? '')).toEqual([...EN_BACK_NOUNS])
  })
})
