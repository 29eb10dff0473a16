/**
 * `npm run deck:ledger [-- --no-history] [dir]`: brings the id ledger beside each deck in data/ up to date
 * (lib/deck/ledger.ts). It adds every card id the ledger lacks, with what the id first asked: first from the deck
 * file's git history, oldest commit first (skipped with --no-history, or when there is no git history), then from
 * the file as it is now. An id already in the ledger is never rewritten. Commit the ledger with the deck.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deckAnswers, emptyLedger, extendLedger, formatLedger, ledgerFileFor, parseLedger } from '../lib/deck/ledger'
import { publishedVersions } from '../lib/deck/ledger-history'
import { DeckLoadError, readDecks } from '../lib/deck/load'

async function main() {
  const useHistory = !process.argv.includes('--no-history')
  const dirArg = process.argv.find((a, i) => i > 1 && !a.startsWith('--'))
  const dir = path.resolve(dirArg ?? 'data')
  const sources = await readDecks(dir)
  for (const { file, deck } of sources) {
    const ledgerFile = ledgerFileFor(file)
    let ledger = emptyLedger(deck.id)
    if (existsSync(ledgerFile)) {
      const parsed = parseLedger(await readFile(ledgerFile, 'utf8'))
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${ledgerFile}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'))
      if (parsed.ledger.deck !== deck.id) throw new Error(`${ledgerFile}: it is the ledger of deck "${parsed.ledger.deck}", not of "${deck.id}"`)
      ledger = parsed.ledger
    }
    const added: string[] = []
    const versions = useHistory ? publishedVersions(file) : []
    for (const { commit, answers } of versions) added.push(...extendLedger(ledger, answers, commit.slice(0, 10)))
    added.push(...extendLedger(ledger, deckAnswers(deck)))
    const text = formatLedger(ledger)
    const before = existsSync(ledgerFile) ? await readFile(ledgerFile, 'utf8') : null
    if (text !== before) await writeFile(ledgerFile, text)
    const history = useHistory ? `${versions.length} commit${versions.length === 1 ? '' : 's'} of history read` : 'history not read'
    console.log(`${ledgerFile}: ${added.length} id${added.length === 1 ? '' : 's'} added (${history}), ${Object.keys(ledger.cards).length} in all`)
    for (const id of added) console.log(`  + ${id}`)
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DeckLoadError ? `${err.message}\nFix the deck first (npm run deck:check).` : err instanceof Error ? err.message : err)
  process.exit(1)
})
