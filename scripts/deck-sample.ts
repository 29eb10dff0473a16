/**
 * `npm run deck:sample -- --seed N [--count 30] [file]`: draws a reproducible random sample of a deck's live cards
 * (lib/deck/sample.ts), one id a line, for a reviewer to judge against the prompt guide in data/README.md. The default
 * file is every deck in data/. State the seed before drawing, and report every draw.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { deckAnswers } from '../lib/deck/ledger'
import { readDecks } from '../lib/deck/load'
import { sampleIds } from '../lib/deck/sample'

async function main() {
  const { values, positionals } = parseArgs({ options: { seed: { type: 'string' }, count: { type: 'string', default: '30' } }, allowPositionals: true })
  const seed = Number(values.seed)
  const count = Number(values.count)
  if (!values.seed || !Number.isInteger(seed)) throw new Error('--seed takes a whole number, stated before the draw')
  if (!Number.isInteger(count) || count < 1) throw new Error('--count takes a whole number of cards, at least 1')
  const target = path.resolve(positionals[0] ?? 'data')
  const decks = await readDecks(target.endsWith('.yaml') ? path.dirname(target) : target)
  for (const { file, deck } of decks) {
    if (target.endsWith('.yaml') && path.resolve(file) !== target) continue
    const ids = deckAnswers(deck).map((a) => a.id)
    console.log(`# ${deck.id}: ${ids.length} live cards, seed ${seed}, ${Math.min(count, ids.length)} drawn`)
    for (const id of sampleIds(ids, seed, count)) console.log(id)
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
