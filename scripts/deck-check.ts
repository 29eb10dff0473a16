/**
 * `npm run deck:check [-- --json]`: validates every deck in data/ and runs the prompt lints (lib/deck/lint.ts),
 * with rule id-reused against the id ledger beside each deck (lib/deck/ledger.ts; read only, so no git history is
 * needed). On a problem it names the file, the line, the path and the card, and exits 1; on success it prints
 * per-section counts (cards count one per cloze ordinal).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { STRICT_LINT_RULES, lintHelp } from '../lib/deck/lint'
import { DeckLoadError, readDecks } from '../lib/deck/load'
import { checkDeck, formatProblem, type DeckProblem } from '../lib/deck/parse'
import { ledgerFileFor, parseLedger, type Ledger } from '../lib/deck/ledger'
import { expandCard } from '../lib/deck/schema'
import { readingLength } from '../lib/core/reading-text'

/** The deck's id ledger (lib/deck/ledger.ts), read only: a missing or broken ledger is a problem of the deck. */
async function readLedgerBeside(deckFile: string): Promise<{ ok: true; ledger: Ledger } | { ok: false; problems: DeckProblem[] }> {
  const file = ledgerFileFor(deckFile)
  if (!existsSync(file)) {
    return { ok: false, problems: [{ file, line: null, path: '', message: `${deckFile} has no id ledger: run npm run deck:ledger and commit ${file}` }] }
  }
  const parsed = parseLedger(await readFile(file, 'utf8'))
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems.map((p) => ({ file, line: null, ...p })) }
}

/** `reading`: the section's reading length (English words, Chinese Han characters, markers excluded), or null without one. */
type SectionCounts = { id: string; claims: number; cards: number; qa: number; cloze: number; links: number; reading: { en: number; zh: number; passages: number } | null }

async function main() {
  const json = process.argv.includes('--json')
  const dirArg = process.argv.find((a, i) => i > 1 && !a.startsWith('--'))
  const dir = path.resolve(dirArg ?? 'data')
  let sources
  try {
    sources = await readDecks(dir)
  } catch (err) {
    if (err instanceof DeckLoadError) {
      console.error(err.message)
      console.error(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}`)
      process.exit(1)
    }
    throw err
  }
  const lints: DeckProblem[] = []
  for (const { file } of sources) {
    const ledger = await readLedgerBeside(file)
    if (ledger.ok) lints.push(...checkDeck(await readFile(file, 'utf8'), file, ledger.ledger))
    else lints.push(...ledger.problems)
  }
  if (lints.length > 0) {
    for (const p of lints) console.error(formatProblem(p))
    console.error(`${lints.length} prompt lint finding${lints.length === 1 ? '' : 's'}. The rules:\n${lintHelp()}`)
    console.error(`A card may break a rule only with a written reason in the deck, lint-ok: { <rule>: "<why>" }; never ${STRICT_LINT_RULES.join(', ')}.`)
    process.exit(1)
  }
  const decks = sources.map(({ deck }) => {
    const sections: SectionCounts[] = deck.sections.map((s) => {
      const cards = s.claims.flatMap((c) => c.cards.flatMap(expandCard))
      return {
        id: s.id,
        claims: s.claims.length,
        cards: cards.length,
        qa: cards.filter((c) => c.kind === 'basic').length,
        cloze: cards.filter((c) => c.kind === 'cloze').length,
        links: s.claims.flatMap((c) => c.cards).filter((c) => c.links).length,
        reading: s.reading ? { ...readingLength(s.reading), passages: s.reading.length } : null,
      }
    })
    return {
      id: deck.id,
      claims: sections.reduce((n, s) => n + s.claims, 0),
      cards: sections.reduce((n, s) => n + s.cards, 0),
      sections,
    }
  })
  if (json) {
    console.log(JSON.stringify({ decks }))
    return
  }
  for (const d of decks) {
    console.log(`${d.id}: ${d.claims} claims, ${d.cards} cards`)
    console.log('  section  claims  cards  q/a  cloze  link cards  reading (passages, en words, zh Han characters)')
    for (const s of d.sections) {
      const reading = s.reading ? `${s.reading.passages} passages, ${s.reading.en} words, ${s.reading.zh} 字` : 'none'
      console.log(`  ${s.id.padEnd(7)}  ${String(s.claims).padStart(6)}  ${String(s.cards).padStart(5)}  ${String(s.qa).padStart(3)}  ${String(s.cloze).padStart(5)}  ${String(s.links).padStart(10)}  ${reading}`)
    }
  }
  console.log(`ok: ${decks.length} deck${decks.length === 1 ? '' : 's'} valid, no prompt lint findings`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
