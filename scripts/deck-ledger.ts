/**
 * `npm run deck:ledger [-- --no-history] [dir]`: brings the id ledger beside each deck in data/ up to date
 * (lib/deck/ledger.ts). It adds every card id the ledger lacks, with what the id first asked: first from the deck
 * file's git history, oldest commit first (skipped with --no-history, or when there is no git history), then from
 * the file as it is now. An id already in the ledger is never rewritten. Commit the ledger with the deck.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { answersInSource, deckAnswers, emptyLedger, extendLedger, formatLedger, ledgerFileFor, parseLedger } from '../lib/deck/ledger'
import { DeckLoadError, readDecks } from '../lib/deck/load'

/** The commits that touched `file`, parents before children; [] when git or the history is not there. */
function commitsTouching(file: string): string[] {
  try {
    const out = execFileSync('git', ['log', '--topo-order', '--reverse', '--format=%H', '--', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out.split('\n').filter(Boolean)
  } catch {
    return []
  }
}

function fileAt(commit: string, file: string): string | null {
  try {
    // git show wants the path from the top of the repository, with forward slashes.
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim()
    const rel = path.relative(top, path.resolve(file)).split(path.sep).join('/')
    return execFileSync('git', ['show', `${commit}:${rel}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return null
  }
}

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
    const commits = useHistory ? commitsTouching(file) : []
    for (const commit of commits) {
      const source = fileAt(commit, file)
      if (source !== null) added.push(...extendLedger(ledger, answersInSource(source), commit.slice(0, 10)))
    }
    added.push(...extendLedger(ledger, deckAnswers(deck)))
    const text = formatLedger(ledger)
    const before = existsSync(ledgerFile) ? await readFile(ledgerFile, 'utf8') : null
    if (text !== before) await writeFile(ledgerFile, text)
    const history = useHistory ? `${commits.length} commit${commits.length === 1 ? '' : 's'} of history read` : 'history not read'
    console.log(`${ledgerFile}: ${added.length} id${added.length === 1 ? '' : 's'} added (${history}), ${Object.keys(ledger.cards).length} in all`)
    for (const id of added) console.log(`  + ${id}`)
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof DeckLoadError ? `${err.message}\nFix the deck first (npm run deck:check).` : err instanceof Error ? err.message : err)
  process.exit(1)
})
