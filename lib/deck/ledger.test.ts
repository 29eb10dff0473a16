import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { answersInSource, deckAnswers, emptyLedger, extendLedger, formatLedger, idReused, ledgerFileFor, parseLedger, type Ledger } from './ledger'
import { publishedVersions } from './ledger-history'
import { parseDeck } from './parse'
import type { ClaimFile } from './schema'
import { basic as basicCard, claimOf, cloze, deckYaml } from './test-decks'

const basic = (id: string, answer: [string, string]) => basicCard(id, ['What?', '什么？'], answer)
const ledgerWith = (cards: Ledger['cards'], same: Ledger['same-question'] = []): Ledger => ({ ...emptyLedger('d'), cards, 'same-question': same })
const found = (claim: ClaimFile, ledger: Ledger) => idReused(claim, ledger).map((f) => `${f.cardId} ${f.path.join('.')}`)

const q1 = (answer: string) => `          - id: "s01-x-q1"
            kind: "basic"
            prompt: { en: "What limits scaling soon?", zh: "近期什么限制扩展？" }
            answer: { en: "${answer}", zh: "数据。" }
`
const z1 = (deletion: string) => `          - id: "s01-x-z1"
            kind: "cloze"
            text: { en: "The limit can be {{c1::${deletion}}}.", zh: "这个限制能被{{c1::克服}}。" }
`

describe('id-reused', () => {
  const ledger = ledgerWith({
    's01-x-q1': { en: 'Data.', zh: '数据。' },
    's01-x-z1.c1': { en: 'overcome', zh: '克服' },
  })

  it('passes cards that ask what their ids first asked, after trivial edits (case, punctuation, width, spaces, article)', () => {
    const claim = claimOf([basic('s01-x-q1', ['the  DATA', '数据']), cloze('s01-x-z1', 'It can be {{c1::Overcome!}}', '能被{{c1::克服}}')])
    expect(found(claim, ledger)).toEqual([])
  })

  it('flags an id whose answer changed, in each language that changed, at the answer or the cloze text', () => {
    const claim = claimOf([basic('s01-x-q1', ['Some research.', '做一些研究。']), cloze('s01-x-z1', 'It can be {{c1::overcome}}', '能被{{c1::突破}}')])
    expect(found(claim, ledger)).toEqual(['s01-x-q1 answer.en', 's01-x-q1 answer.zh', 's01-x-z1.c1 text.zh'])
    expect(idReused(claim, ledger)[0]!.message).toContain('first asked for "Data." and now for "Some research."')
  })

  it('is strict beyond the trivial: one word more is another answer', () => {
    expect(found(claimOf([basic('s01-x-q1', ['Data limits.', '数据。'])]), ledger)).toEqual(['s01-x-q1 answer.en'])
  })

  it('accepts, language by language, a rewording that a same-question entry names, and only that wording', () => {
    const same = ledgerWith(ledger.cards, [{ id: 's01-x-q1', en: 'Training data.', zh: '训练数据。', reason: 'Both ask for the near-term limit on scaling; "training" only says which data.' }])
    expect(found(claimOf([basic('s01-x-q1', ['Training data', '训练数据'])]), same)).toEqual([])
    expect(found(claimOf([basic('s01-x-q1', ['Training data', '数据'])]), same)).toEqual([])
    expect(found(claimOf([basic('s01-x-q1', ['Compute', '算力'])]), same)).toEqual(['s01-x-q1 answer.en', 's01-x-q1 answer.zh'])
  })

  it('flags a live id the ledger does not hold yet', () => {
    const findings = idReused(claimOf([basic('s01-x-q2', ['New.', '新的。'])]), ledger)
    expect(findings.map((f) => f.cardId)).toEqual(['s01-x-q2'])
    expect(findings[0]!.message).toContain('npm run deck:ledger')
  })
})

describe('the ledger file', () => {
  it('lives beside its deck', () => {
    expect(ledgerFileFor('data/sutskever-2023-11.yaml')).toBe('data/sutskever-2023-11.ledger.json')
  })

  it('round-trips through formatLedger, one id per line in code-point order', () => {
    const ledger = ledgerWith({ 's02-b-q1': { en: 'B', zh: '乙' }, 's01-a-z1.c2': { en: 'A', zh: '甲', from: '7ffcfea883' } })
    const text = formatLedger(ledger)
    expect(text.split('\n').filter((l) => l.startsWith('    "s'))).toEqual([
      '    "s01-a-z1.c2": {"en":"A","zh":"甲","from":"7ffcfea883"},',
      '    "s02-b-q1": {"en":"B","zh":"乙"}',
    ])
    const back = parseLedger(text)
    expect(back.ok && back.ledger).toEqual(ledger)
  })

  it('refuses a same-question entry for an unknown id, a reason of two sentences, and bad JSON', () => {
    const bad = { ...emptyLedger('d'), cards: { 'a-q1': { en: 'x', zh: 'x' } }, 'same-question': [
      { id: 'b-q1', en: 'y', zh: 'y', reason: 'It still asks for the same limit on scaling.' },
      { id: 'a-q1', en: 'y', zh: 'y', reason: 'It asks the same. Nothing else changed.' },
    ] }
    const parsed = parseLedger(JSON.stringify(bad))
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { path: 'same-question.1.reason', message: 'the reason is one sentence' },
      { path: 'same-question.0.id', message: '"b-q1" is not a card id of this ledger' },
    ])
    expect(parseLedger('{').ok).toBe(false)
  })

  it('extendLedger adds missing ids and never rewrites one it holds', () => {
    const ledger = ledgerWith({ 's01-x-q1': { en: 'Data.', zh: '数据。', from: 'abcdef0' } })
    const added = extendLedger(ledger, [
      { id: 's01-x-q1', noteId: 's01-x-q1', path: ['answer'], en: 'Some research.', zh: '做一些研究。' },
      { id: 's01-x-q2', noteId: 's01-x-q2', path: ['answer'], en: 'Some research.', zh: '做一些研究。' },
    ])
    expect(added).toEqual(['s01-x-q2'])
    expect(ledger.cards['s01-x-q1']).toEqual({ en: 'Data.', zh: '数据。', from: 'abcdef0' })
  })

  it('reads an old deck version card by card, so a version today’s schema refuses still yields its valid cards', () => {
    const old = deckYaml(q1('Data.') + z1('overcome') + '          - id: "s01-x-s1"\n            kind: "section"\n')
    expect(parseDeck(old, 'old.yaml').ok).toBe(false)
    expect(answersInSource(old).map((a) => `${a.id}=${a.en}`)).toEqual(['s01-x-q1=Data.', 's01-x-z1.c1=overcome'])
  })
})

describe('seeding from the git history (publishedVersions)', () => {
  const hasGit = (() => {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  const dir = mkdtempSync(path.join(tmpdir(), 'keyclaims-ledger-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.skipIf(!hasGit)('keeps each id’s first published question, so a later reissue under the same id is caught', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'ignore' })
    const file = path.join(dir, 'data', 'd.yaml')
    git('init', '-q')
    execFileSync('mkdir', ['-p', path.join(dir, 'data')])
    writeFileSync(file, deckYaml(q1('Data.') + z1('overcome')))
    git('add', '.')
    git('commit', '-qm', 'v1')
    writeFileSync(file, deckYaml(q1('Some research.') + z1('overcome')))
    git('commit', '-qam', 'v2: q1 reissued')

    const versions = publishedVersions(file)
    expect(versions.map((v) => v.answers.length)).toEqual([2, 2])
    const ledger = emptyLedger('d')
    for (const v of versions) extendLedger(ledger, v.answers, v.commit.slice(0, 10))
    expect(ledger.cards['s01-x-q1']).toEqual({ en: 'Data.', zh: '数据。', from: versions[0]!.commit.slice(0, 10) })

    const now = parseDeck(deckYaml(q1('Some research.') + z1('overcome')), 'd.yaml')
    if (!now.ok) throw new Error('fixture deck invalid')
    expect(deckAnswers(now.deck).map((a) => a.id)).toEqual(['s01-x-q1', 's01-x-z1.c1'])
    expect(found(now.deck.sections[0]!.claims[0]!, ledger)).toEqual(['s01-x-q1 answer.en'])
  })

  it('finds no history outside a git repository', () => {
    expect(publishedVersions(path.join(tmpdir(), 'no-such-dir', 'd.yaml'))).toEqual([])
  })
})
