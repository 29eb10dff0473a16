import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseDeck } from '../deck/parse'
import { expandCard } from '../deck/schema'
import { parseCloze } from './cloze'
import { ankiGuid, buildAnkiNotes, type AnkiCardSource } from './anki-notes'
import { TEST_LABELS as labels } from './anki-fixtures'
import { ANKI_TEXT_HEADER, ankiTextFile, textValue } from './anki-text'
import type { DisplayLanguage } from './display-language'


const common = {
  deckTitleEn: 'Ilya Sutskever, November 2023',
  deckTitleZh: '伊利亚 2023 年 11 月',
  sectionId: '01',
  sectionTitleEn: 'Betting on neural networks',
  sectionTitleZh: '押注神经网络',
  claimTextEn: 'Neural nets are <small> brains & "little" ones',
  claimTextZh: '神经网络是小型大脑',
  whyEn: 'The bet',
  whyZh: '押注',
  importance: 'core',
  tags: ['scaling', 'open-source'],
}
const basicCard: AnkiCardSource = { ...common, cardId: 's01-x-q1', noteId: 's01-x-q1', kind: 'basic', ordinal: 0, position: 1, frontEn: 'Why <big>?', frontZh: '为什么？', backEn: 'Because\tof "size"\nand data', backZh: '因为规模' }
const clozeText = { en: 'The {{c1::scaling::S…}} hypothesis & {{c2::compute}}', zh: '{{c1::规模::规…}}假说与{{c2::算力}}' }
const clozeCards: AnkiCardSource[] = [2, 1].map((ordinal) => ({
  ...common,
  importance: 'supporting',
  tags: ['scaling'],
  cardId: `s01-x-z1.c${ordinal}`,
  noteId: 's01-x-z1',
  kind: 'cloze',
  ordinal,
  position: 1 + ordinal,
  frontEn: clozeText.en,
  frontZh: clozeText.zh,
  backEn: '',
  backZh: '',
}))

/** The file as Anki's CSV reader sees it: comment lines left out, tab-separated values, `"` quoting with `""` inside. */
function readRecords(file: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let value = ''
  let quoted = false
  let atStart = true
  for (let i = 0; i < file.length; i++) {
    const c = file[i]!
    if (atStart && c === '#' && record.length === 0 && value === '') {
      i = file.indexOf('\n', i)
      continue
    }
    atStart = false
    if (quoted) {
      if (c === '"' && file[i + 1] === '"') {
        value += '"'
        i++
      } else if (c === '"') quoted = false
      else value += c
    } else if (c === '"' && value === '') quoted = true
    else if (c === '\t') {
      record.push(value)
      value = ''
    } else if (c === '\n') {
      record.push(value)
      records.push(record)
      record = []
      value = ''
      atStart = true
    } else value += c
  }
  return records
}

const unescapeHtml = (html: string) =>
  html.replace(/<br>/g, '\n').replace(/&#9;/g, '\t').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

/** A Text field's cloze text in each language ("both" holds one block a language). */
function clozeTexts(field: string, language: DisplayLanguage): string[] {
  if (language !== 'both') return [unescapeHtml(field)]
  return [...field.matchAll(/<div lang=[^>]+>(.*?)<\/div>/g)].map((m) => unescapeHtml(m[1]!))
}

describe('the Anki text file', () => {
  it('starts with the header lines Anki reads, in the order its own export writes them', () => {
    const file = ankiTextFile(buildAnkiNotes([basicCard], 'en', labels))
    expect(file.split('\n').slice(0, 7)).toEqual([
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
      '#if matches:update current',
    ])
    expect(ANKI_TEXT_HEADER).toHaveLength(7)
    expect(file.endsWith('\n')).toBe(true)
  })

  it('writes a basic card as a Basic note: escaped front, answer with the claim and why-line, deck, tags with core', () => {
    const [record] = readRecords(ankiTextFile(buildAnkiNotes([basicCard], 'en', labels)))
    expect(record).toEqual([
      'keyclaims:en:s01-x-q1',
      'Basic',
      'Keyclaims::Ilya Sutskever, November 2023::01 Betting on neural networks',
      'Why &lt;big&gt;?',
      'Because&#9;of &quot;size&quot;<br>and data' +
        '<div class=keyclaims-claim><b>Claim:</b> Neural nets are &lt;small&gt; brains &amp; &quot;little&quot; ones</div>' +
        '<div class=keyclaims-why><b>Why it matters:</b> The bet</div>',
      'scaling open-source core',
    ])
  })

  it('writes a cloze text once, as a Cloze note whose ordinals and hints are ours, its GUID from the text’s id', () => {
    const notes = buildAnkiNotes(clozeCards, 'zh', labels)
    expect(notes).toHaveLength(1)
    expect(notes[0]!.cards).toEqual([
      { cardId: 's01-x-z1.c1', ord: 0, position: 2 },
      { cardId: 's01-x-z1.c2', ord: 1, position: 3 },
    ])
    const [record] = readRecords(ankiTextFile(notes))
    expect(record).toEqual([
      'keyclaims:zh:s01-x-z1',
      'Cloze',
      'Keyclaims::伊利亚 2023 年 11 月::01 押注神经网络',
      '{{c1::规模::规…}}假说与{{c2::算力}}',
      '<div class=keyclaims-claim><b>论点：</b> 神经网络是小型大脑</div><div class=keyclaims-why><b>为什么重要：</b> 押注</div>',
      'scaling',
    ])
  })

  it('gives both languages one block each, English first, and a deck named in both', () => {
    const [note] = buildAnkiNotes(clozeCards, 'both', labels)
    expect(note!.fields[0]).toBe(
      '<div lang=en>The {{c1::scaling::S…}} hypothesis &amp; {{c2::compute}}</div><div lang=zh-Hans>{{c1::规模::规…}}假说与{{c2::算力}}</div>',
    )
    expect(note!.deck).toBe('Keyclaims::Ilya Sutskever, November 2023 · 伊利亚 2023 年 11 月::01 Betting on neural networks · 押注神经网络')
  })

  it('keeps GUIDs stable: the same note and language give the same GUID, another language another', () => {
    const first = buildAnkiNotes([basicCard, ...clozeCards], 'en', labels).map((n) => n.guid)
    const again = buildAnkiNotes([...clozeCards].reverse().concat(basicCard), 'en', labels).map((n) => n.guid)
    expect(again).toEqual(first)
    expect(first).toEqual([ankiGuid('s01-x-q1', 'en'), ankiGuid('s01-x-z1', 'en')])
    expect(buildAnkiNotes([basicCard], 'zh', labels)[0]!.guid).not.toBe(first[0])
  })

  it('quotes a value that holds a quote, tab or line break, and leaves others as they are', () => {
    expect(textValue('plain')).toBe('plain')
    expect(textValue('a "b"')).toBe('"a ""b"""')
    expect(textValue('a\tb')).toBe('"a\tb"')
    const deckWithQuote = { ...basicCard, deckTitleEn: 'The "big" one :: part' }
    const [record] = readRecords(ankiTextFile(buildAnkiNotes([deckWithQuote], 'en', labels)))
    expect(record![2]).toBe('Keyclaims::The "big" one : part::01 Betting on neural networks')
    expect(record).toHaveLength(6)
  })

  describe('round trip: the file read back through our cloze parser gives the deck’s texts', () => {
    const source = readFileSync('data/sutskever-2023-11.yaml', 'utf8')
    const parsed = parseDeck(source, 'data/sutskever-2023-11.yaml')
    if (!parsed.ok) throw new Error('the deck does not parse')
    const deck = parsed.deck
    const cards: AnkiCardSource[] = deck.sections.flatMap((section) =>
      section.claims.flatMap((claim) =>
        claim.cards.flatMap((card) =>
          expandCard(card).map((c, i) => ({
            ...c,
            cardId: c.id,
            position: i,
            deckTitleEn: deck.title.en,
            deckTitleZh: deck.title.zh,
            sectionId: section.id,
            sectionTitleEn: section.title.en,
            sectionTitleZh: section.title.zh,
            claimTextEn: claim.text.en,
            claimTextZh: claim.text.zh,
            whyEn: claim.why.en,
            whyZh: claim.why.zh,
            importance: claim.importance,
            tags: claim.tags,
          })),
        ),
      ),
    )
    const clozeFiles = deck.sections.flatMap((s) => s.claims.flatMap((c) => c.cards.filter((card) => card.kind === 'cloze')))

    it.each(['en', 'zh', 'both'] as const)('in %s', (language) => {
      const records = readRecords(ankiTextFile(buildAnkiNotes(cards, language, labels)))
      const basics = cards.filter((c) => c.kind === 'basic').length
      expect(records).toHaveLength(basics + clozeFiles.length)
      expect(new Set(records.map((r) => r[0])).size).toBe(records.length)
      const clozeRecords = new Map(records.filter((r) => r[1] === 'Cloze').map((r) => [r[0]!, r]))
      expect(clozeRecords.size).toBeGreaterThan(10)
      for (const file of clozeFiles) {
        const record = clozeRecords.get(ankiGuid(file.id, language))!
        const expected = language === 'both' ? [file.text.en, file.text.zh] : [file.text[language]]
        const read = clozeTexts(record[3]!, language)
        expect(read).toEqual(expected)
        expect(read.map(parseCloze)).toEqual(expected.map(parseCloze))
      }
      // HTML fields escape their quotes and tabs: no value of the deck needs CSV quoting.
      expect(records.flat().filter((value) => /["\t]/.test(value))).toEqual([])
      for (const record of records) {
        expect(record).toHaveLength(6)
        expect(record[5]).not.toMatch(/\s\s|^\s|\s$/)
      }
    })
  })
})
