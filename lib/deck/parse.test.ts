import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ledgerFileFor, parseLedger } from './ledger'
import { checkDeck, formatProblem, parseDeck, type DeckProblem } from './parse'
import { expandCard } from './schema'

// Line numbers in the tests below refer to this text (line 1 is `id: "test-deck"`).
const DECK = `id: "test-deck"
title:
  en: "A test deck"
  zh: "测试卡组"
speakers: [{ en: "Ilya Sutskever", zh: "伊利亚·苏茨克维" }]
tags: { scaling: { en: "scaling", zh: "规模扩展" } }
date: "2023-11"
published:
  en: "Published for a test."
  zh: "为测试而发布。"
languageNote:
  en: "Our own paraphrases."
  zh: "我们自己的转述。"
sections:
  - id: "01"
    title:
      en: "Scaling"
      zh: "规模"
    summary:
      en: "Bigger nets do more."
      zh: "网络越大，能做的越多。"
    claims:
      - id: "s01-too-small"
        speaker: "Ilya Sutskever"
        importance: "core"
        tags: ["scaling"]
        text:
          en: "Neural nets failed because they were too small."
          zh: "神经网络之前不灵，是因为太小。"
        why:
          en: "The seed of the scaling view."
          zh: "规模观的起点。"
        cards:
          - id: "s01-too-small-q1"
            kind: "basic"
            prompt:
              en: "Why did neural nets fail before AlexNet?"
              zh: "AlexNet 之前神经网络为何不灵？"
            answer:
              en: "They were too small."
              zh: "太小了。"
          - id: "s01-too-small-z1"
            kind: "cloze"
            text:
              en: "Nets failed because they were {{c1::too small}} and needed {{c2::GPUs}}."
              zh: "网络不灵是因为{{c1::太小}}，还需要{{c2::GPU}}。"
`

/** DECK with one exact piece of text replaced; fails loudly if the piece is not there. */
function edit(from: string, to: string): string {
  expect(DECK).toContain(from)
  return DECK.replace(from, to)
}

/** The problems parseDeck reports; fails the test if the deck was accepted. */
function problems(source: string): DeckProblem[] {
  const result = parseDeck(source, 'data/test.yaml')
  if (result.ok) throw new Error('expected the deck to be refused')
  return result.problems
}

describe('parseDeck on a valid deck', () => {
  it('accepts it and gives the deck as written', () => {
    const result = parseDeck(DECK, 'data/test.yaml')
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
    expect(result.deck.id).toBe('test-deck')
    expect(result.deck.sections.map((s) => s.id)).toEqual(['01'])
    const claim = result.deck.sections[0]!.claims[0]!
    expect(claim.text.zh).toBe('神经网络之前不灵，是因为太小。')
    expect(claim.cards.flatMap(expandCard).map((c) => c.id)).toEqual(['s01-too-small-q1', 's01-too-small-z1.c1', 's01-too-small-z1.c2'])
  })
})

describe('parseDeck reports each problem with its line, path and a helpful message', () => {
  it('an unknown key (a typo) at the line of the object that has it', () => {
    const source = edit('        speaker: "Ilya Sutskever"\n', '        speaker: "Ilya Sutskever"\n        speakr: "Ilya"\n')
    expect(problems(source)).toEqual([
      { file: 'data/test.yaml', line: 23, path: 'sections.0.claims.0', message: 'Unrecognized key: "speakr"' },
    ])
  })

  it('a missing field, at the line of the object that lacks it', () => {
    const source = edit(
      '        why:\n          en: "The seed of the scaling view."\n          zh: "规模观的起点。"\n',
      '',
    )
    const [problem, ...rest] = problems(source)
    expect(rest).toEqual([])
    expect(problem).toMatchObject({ file: 'data/test.yaml', line: 23, path: 'sections.0.claims.0.why' })
    expect(problem!.message).toMatch(/expected object, received undefined/)
  })

  it('a section id that is not two digits ("5")', () => {
    expect(problems(edit('- id: "01"', '- id: "5"'))).toEqual([
      {
        file: 'data/test.yaml',
        line: 15,
        path: 'sections.0.id',
        message: 'section ids are two digits, as in the transcript ("01" … "10")',
      },
    ])
  })

  it('a card id used twice, naming where it was first used', () => {
    expect(problems(edit('- id: "s01-too-small-z1"', '- id: "s01-too-small-q1"'))).toEqual([
      {
        file: 'data/test.yaml',
        line: 42,
        path: 'sections.0.claims.0.cards.1.id',
        message: 'card id "s01-too-small-q1" is used twice (first at sections.0.claims.0.cards.0.id)',
      },
    ])
  })

  it('a cloze whose Chinese deletions differ from the English ones', () => {
    expect(problems(edit('{{c2::GPU}}', '{{c3::GPU}}'))).toEqual([
      {
        file: 'data/test.yaml',
        line: 46,
        path: 'sections.0.claims.0.cards.1.text.zh',
        message: 'the Chinese text has deletions c1, c3 but the English has c1, c2: they must match',
      },
    ])
  })

  it('a malformed cloze, with the cloze parser’s explanation', () => {
    expect(problems(edit('{{c2::GPUs}}.', '{{c2::GPUs.'))).toEqual([
      {
        file: 'data/test.yaml',
        line: 45,
        path: 'sections.0.claims.0.cards.1.text.en',
        message: '"{{" at character 60 is never closed with "}}"',
      },
    ])
  })

  it('a cloze card with no deletion at all', () => {
    expect(problems(edit('{{c1::太小}}，还需要{{c2::GPU}}', '太小，还需要GPU'))).toEqual([
      {
        file: 'data/test.yaml',
        line: 46,
        path: 'sections.0.claims.0.cards.1.text.zh',
        message: 'a cloze text needs at least one deletion like {{c1::answer}}',
      },
    ])
  })

  it('a YAML syntax error (a key indented one space too far), at its line', () => {
    expect(problems(edit('  zh: "测试卡组"', '   zh: "测试卡组"'))).toEqual([
      { file: 'data/test.yaml', line: 4, path: '', message: 'All mapping items must start at the same column' },
    ])
  })

  it('a key written twice in one map, at its line', () => {
    expect(problems(edit('date: "2023-11"\n', 'date: "2023-11"\ndate: "2023-12"\n'))).toEqual([
      { file: 'data/test.yaml', line: 8, path: '', message: 'Map keys must be unique' },
    ])
  })
})

describe('links: a card that ties claims of earlier sections together', () => {
  // A second section whose one claim has a link card; `links` is what the test varies.
  const withLinkCard = (links: string) =>
    DECK +
    `  - id: "02"
    title: { en: "Reliability", zh: "可靠性" }
    summary: { en: "Models become reliable.", zh: "模型变得可靠。" }
    claims:
      - id: "s02-reliable"
        speaker: "Ilya Sutskever"
        importance: "core"
        tags: ["scaling"]
        text: { en: "Bigger models are more reliable.", zh: "更大的模型更可靠。" }
        why: { en: "The scale thread continues.", zh: "规模这条线的延续。" }
        cards:
          - id: "s02-reliable-q1"
            kind: "basic"
            prompt: { en: "What did the size argument of section 01 grow into here?", zh: "第 01 部分的规模论在这里发展成了什么？" }
            answer: { en: "Bigger models mainly gain reliability.", zh: "大模型主要赢在可靠性。" }
            links: ${links}
`
  it('accepts links to claims of earlier sections and gives them to every card the text makes', () => {
    const result = parseDeck(withLinkCard('["s01-too-small"]'), 'data/test.yaml')
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
    const card = result.deck.sections[1]!.claims[0]!.cards[0]!
    expect(expandCard(card).map((c) => c.links)).toEqual([['s01-too-small']])
    expect(expandCard(result.deck.sections[0]!.claims[0]!.cards[1]!).map((c) => c.links)).toEqual([[], []])
  })

  it('refuses a link to a claim that does not exist, at the line of the link', () => {
    expect(problems(withLinkCard('["s01-too-smal"]'))).toEqual([
      { file: 'data/test.yaml', line: 62, path: 'sections.1.claims.0.cards.0.links.0', message: 'links: no claim "s01-too-smal" in this deck' },
    ])
  })

  it('refuses a link to a claim of the same or a later section', () => {
    const [problem, ...rest] = problems(withLinkCard('["s01-too-small", "s02-reliable"]'))
    expect(rest).toEqual([])
    expect(problem).toMatchObject({ line: 62, path: 'sections.1.claims.0.cards.0.links.1' })
    expect(problem!.message).toBe('links: "s02-reliable" is in section 02, not before this card\'s section 02; a link card belongs to the later section')
  })

  it('refuses an empty links list', () => {
    expect(problems(withLinkCard('[]')).map((p) => p.message)).toEqual(['leave links out rather than empty'])
  })
})

describe('lint-ok: excusing a card from a prompt lint', () => {
  it('accepts a known rule with a reason and refuses an unknown rule', () => {
    const excused = edit('            answer:\n              en: "They were too small."', '            lint-ok: { yes-no: "Kept: the question is a real either-or, not a yes/no." }\n            answer:\n              en: "They were too small."')
    expect(parseDeck(excused, 'data/test.yaml').ok).toBe(true)
    const unknown = edit('            answer:\n              en: "They were too small."', '            lint-ok: { yesno: "A misspelt rule must not silently excuse nothing." }\n            answer:\n              en: "They were too small."')
    expect(problems(unknown)).toEqual([
      {
        file: 'data/test.yaml',
        line: 39,
        path: 'sections.0.claims.0.cards.0.lint-ok.yesno',
        message: 'lint-ok: "yesno" is not a lint rule; the rules it can excuse are cloze-visible, answer-in-prompt, same-answer, yes-no, stop-word, number-words',
      },
    ])
  })
})

describe('formatProblem', () => {
  it('reads file:line: path: message', () => {
    expect(formatProblem({ file: 'data/x.yaml', line: 14, path: 'sections.0.id', message: 'bad id' })).toBe(
      'data/x.yaml:14: sections.0.id: bad id',
    )
    expect(formatProblem({ file: 'data/x.yaml', line: null, path: '', message: 'bad' })).toBe('data/x.yaml: bad')
  })
})

describe('the real deck, data/sutskever-2023-11.yaml', () => {
  const file = fileURLToPath(new URL('../../data/sutskever-2023-11.yaml', import.meta.url))
  const result = parseDeck(readFileSync(file, 'utf8'), 'data/sutskever-2023-11.yaml')
  const deck = () => {
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
    return result.deck
  }

  it('parses with no problems', () => {
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([])
  })

  it('covers the transcript’s sections 01–04 and 06–10', () => {
    expect(deck().sections.map((s) => s.id)).toEqual(['01', '02', '03', '04', '06', '07', '08', '09', '10'])
  })

  it('has at least 50 claims and 150 cards (one per cloze ordinal)', () => {
    const claims = deck().sections.flatMap((s) => s.claims)
    expect(claims.length).toBeGreaterThanOrEqual(50)
    expect(claims.flatMap((c) => c.cards.flatMap(expandCard)).length).toBeGreaterThanOrEqual(150)
  })

  it('passes every prompt lint, id-reused against its ledger included (npm run deck:check prints the same findings)', () => {
    const ledger = parseLedger(readFileSync(ledgerFileFor(file), 'utf8'))
    if (!ledger.ok) throw new Error(ledger.problems.map((p) => `${p.path}: ${p.message}`).join('\n'))
    expect(checkDeck(readFileSync(file, 'utf8'), 'data/sutskever-2023-11.yaml', ledger.ledger).map(formatProblem)).toEqual([])
  })

  it('has link cards that follow the interview’s threads: scale, reliability, autonomy, open source, engineering effort, biology', () => {
    const linkCards = deck().sections.flatMap((s) => s.claims.flatMap((c) => c.cards.filter((k) => k.links)))
    const linked = new Set(linkCards.flatMap((k) => k.links!))
    const threads = ['s01-too-small', 's02-dota', 's07-data-limit', 's04-smaller-loses-reliability', 's08-digital-life']
    threads.push('s02-agi-definition', 's02-goal-unchanged', 's02-big-engineering', 's01-little-brains')
    for (const id of threads) {
      expect(linked, id).toContain(id)
    }
  })

  it('keeps no section-structure card (-s1) live: they were replaced by link cards', () => {
    const s1 = deck().sections.flatMap((s) => s.claims.flatMap((c) => c.cards.map((k) => k.id))).filter((id) => id.endsWith('-s1'))
    expect(s1).toEqual([])
  })

  // Issue #38: every section has its reading (the rules themselves are deck:check's, lib/deck/reading-rules.ts).
  // The schema keeps `reading` optional so that small decks stay valid; this is where the built-in deck needs it.
  it('has a reading in every section', () => {
    expect(deck().sections.filter((s) => !s.reading).map((s) => s.id)).toEqual([])
  })

  it('gives every claim at least one question card and one cloze card', () => {
    const lacking = deck()
      .sections.flatMap((s) => s.claims)
      .filter((c) => !c.cards.some((k) => k.kind === 'basic') || !c.cards.some((k) => k.kind === 'cloze'))
      .map((c) => c.id)
    expect(lacking).toEqual([])
  })
})
