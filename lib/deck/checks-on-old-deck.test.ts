/**
 * The checks of issue #29 run on the deck as it stood before the issue (fixtures/sutskever-2023-11-at-7ffcfea.yaml,
 * a copy of the affected claims, and the ledger entries seeded for them from the git history). The issue names what
 * they must catch there; two claims that were already clean are the positive controls. These tests do not read
 * data/, so they hold whatever the live deck says.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLedger, type Ledger } from './ledger'
import { checkDeck, type DeckProblem } from './parse'

const dir = path.join(process.cwd(), 'lib', 'deck', 'fixtures')
const deckFile = 'sutskever-2023-11-at-7ffcfea.yaml'
const source = readFileSync(path.join(dir, deckFile), 'utf8')
const parsedLedger = parseLedger(readFileSync(path.join(dir, 'sutskever-2023-11-at-7ffcfea.ledger.json'), 'utf8'))
const ledger = (): Ledger => {
  if (!parsedLedger.ok) throw new Error(JSON.stringify(parsedLedger.problems))
  return parsedLedger.ledger
}

/** Each problem as "<card> <rule>", and for sibling-shows-answer "<front card> shows <answer card>". */
function read(problems: DeckProblem[]) {
  return problems.map((p) => {
    const m = /^(\S+): \[([a-z-]+)\] (.*)$/.exec(p.message)
    if (!m) throw new Error(`not a lint finding: ${p.message}`)
    const shown = / the answer of (\S+?),/.exec(m[3]!)?.[1]
    return { card: m[1]!, rule: m[2]!, shown, path: p.path, line: p.line }
  })
}

const findings = read(checkDeck(source, `lib/deck/fixtures/${deckFile}`, ledger()))
const byRule = (rule: string) => findings.filter((f) => f.rule === rule)

describe('the deck at 7ffcfea, checked', () => {
  it('parses: the checks ran on the whole fixture (every finding is a lint finding with its line)', () => {
    expect(findings.length).toBeGreaterThan(0)
    expect(findings.every((f) => f.line !== null)).toBe(true)
  })

  it('sibling-shows-answer: flags every give-away the issue lists', () => {
    const pairs = new Set(byRule('sibling-shows-answer').map((f) => `${f.card} shows ${f.shown}`))
    const expected = [
      // the whole definition of q1 is on z1
      's04-reliability-definition-z1.c1 shows s04-reliability-definition-q1',
      's08-digital-life-z1.c1 shows s08-digital-life-q1',
      's08-digital-life-q1 shows s08-digital-life-z1.c1',
      's08-ferret-q1 shows s08-ferret-z1.c1',
      's08-ferret-q1 shows s08-ferret-z1.c2',
      's08-ferret-q2 shows s08-ferret-z1.c2',
      's08-ferret-z1.c1 shows s08-ferret-q2',
      's09-warm-feelings-z1.c1 shows s09-warm-feelings-q1',
      's03-scaling-asset-q1 shows s03-scaling-asset-z1.c1',
      's03-scaling-asset-l1 shows s03-scaling-asset-q1',
      's06-cost-justification-z2.c1 shows s06-cost-justification-q1',
      's10-data-not-problem-q2 shows s10-data-not-problem-z1.c1',
      's10-data-not-problem-l1 shows s10-data-not-problem-z1.c1',
      // "Dota 2" on q3 and l1 names q1's answer, the first large project
      's02-dota-q3 shows s02-dota-q1',
      's02-dota-l1 shows s02-dota-q1',
      's07-data-limit-q2 shows s07-data-limit-q1',
      's07-data-limit-l1 shows s07-data-limit-q1',
    ]
    expect(expected.filter((p) => !pairs.has(p))).toEqual([])
  })

  it('id-reused: flags the ten ids that kept their id while changing their question', () => {
    const reused = new Set(byRule('id-reused').map((f) => f.card))
    const ten = [
      's01-neural-equations-q3',
      's04-reliability-biggest-change-q3',
      's07-data-limit-q2',
      's10-investment-interest-q2',
      's01-bio-neuron-z1.c2',
      's03-top-down-bottom-up-z1.c2',
      's07-why-open-z1.c2',
      's07-closed-ahead-z1.c1',
      's07-closed-ahead-z1.c2',
      's09-few-researchers-z1.c2',
    ]
    expect(ten.filter((id) => !reused.has(id))).toEqual([])
    // In both languages, at the line of the answer (a basic card) or of the text (a cloze).
    expect(byRule('id-reused').filter((f) => f.card === 's07-data-limit-q2').map((f) => f.path)).toEqual([
      'sections.5.claims.3.cards.1.answer.en',
      'sections.5.claims.3.cards.1.answer.zh',
    ])
  })

  it('no-referent: flags "those children" and "this debate", in both languages', () => {
    const dangling = byRule('no-referent').map((f) => `${f.card} ${f.path.split('.').pop()}`)
    expect(dangling).toEqual(expect.arrayContaining(['s08-brain-regions-q2 en', 's08-brain-regions-q2 zh', 's09-experience-shifts-views-q2 en', 's09-experience-shifts-views-q2 zh']))
  })

  it('unnamed-speaker: flags the seven questions that say only "he"', () => {
    const prompts = new Set(byRule('unnamed-speaker').filter((f) => f.path.includes('.prompt.')).map((f) => f.card))
    expect([...prompts].sort()).toEqual([
      's01-too-small-q2',
      's02-most-surprising-q2',
      's07-long-term-complex-q2',
      's08-autonomy-usefulness-q2',
      's08-unified-architecture-q2',
      's09-experience-shifts-views-q2',
      's09-extrapolate-q2',
    ])
  })

  it('many-answers: flags the "Any of" answer in both languages', () => {
    expect(byRule('many-answers').map((f) => f.card)).toEqual(['s02-gpt2-to-gpt3-q2', 's02-gpt2-to-gpt3-q2'])
  })

  it('finds nothing on the claims that were already clean (positive controls)', () => {
    const clean = findings.filter((f) => /^s01-(dark-ages|biggest-possible)-/.test(f.card))
    expect(clean).toEqual([])
    // …and they are in the fixture, with their ledger entries, so "nothing" means they were checked.
    expect(source).toContain('id: "s01-dark-ages-q1"')
    expect(ledger().cards['s01-biggest-possible-z1.c3']).toBeDefined()
  })
})
