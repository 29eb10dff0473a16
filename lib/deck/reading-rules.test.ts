import { describe, expect, it } from 'vitest'
import { formatProblem, parseDeck, type DeckProblem } from './parse'
import { fillerEn, fillerZh, readingDeckYaml } from './test-decks'
import { englishWords, hanCharacters, readingLength, readingSegments } from '../core/reading-text'

/** One passage as YAML lines (list item at six spaces), with `|-` block scalars. */
const passage = (en: string, zh: string) => `      - en: |-
          ${en}
        zh: |-
          ${zh}`

/** A valid two-passage reading of the test deck (s01-a in the first passage, s01-b in the second), long enough. */
const good = (over: { en1?: string; zh1?: string; en2?: string; zh2?: string } = {}) =>
  [
    passage(over.en1 ?? `Sutskever says the early nets were tiny [[s01-a]] ${fillerEn(200)}.`, over.zh1 ?? `苏茨克维说早期网络很小[[s01-a]]${fillerZh(300)}。`),
    passage(over.en2 ?? `Then graphics chips arrived [[s01-b]] ${fillerEn(200)}.`, over.zh2 ?? `后来有了显卡[[s01-b]]${fillerZh(300)}。`),
  ].join('\n')

function problems(reading: string): DeckProblem[] {
  const result = parseDeck(readingDeckYaml(reading), 'data/test.yaml')
  return result.ok ? [] : result.problems
}

describe('the reading rules (deck:check)', () => {
  it('accept a reading that places every claim once, in the same passage, within the bounds (positive control)', () => {
    const result = parseDeck(readingDeckYaml(good()), 'data/test.yaml')
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'))
    expect(result.deck.sections[0]!.reading).toHaveLength(2)
    expect(result.deck.sections[0]!.reading![0]!.en).toContain('[[s01-a]]')
  })

  it('accept a deck without a reading (small decks stay valid)', () => {
    const yaml = readingDeckYaml('').replace('    reading:\n\n', '')
    expect(parseDeck(yaml, 'data/test.yaml').ok).toBe(true)
  })

  it('refuse a marker no claim of the section owns, naming file, line and field', () => {
    const found = problems(good({ en1: `Sutskever says the nets were tiny [[s01-a]] and [[s02-zz]] ${fillerEn(200)}.` }))
    expect(found.map(formatProblem)).toEqual([expect.stringMatching(/^data\/test\.yaml:13: sections\.0\.reading\.0\.en: the marker \[\[s02-zz\]\] names no claim of section 01/)])
  })

  it('refuse a claim left out of one language', () => {
    const found = problems(good({ zh2: `后来有了显卡${fillerZh(300)}。` }))
    expect(found.map(formatProblem)).toEqual(['data/test.yaml:13: sections.0.reading: claim s01-b is not placed in the Chinese reading: put [[s01-b]] where its idea is argued'])
  })

  it('refuse a claim placed twice', () => {
    const found = problems(good({ en2: `Then graphics chips arrived [[s01-b]] and again [[s01-b]] ${fillerEn(200)}.` }))
    expect(found.map((p) => p.message)).toEqual(['claim s01-b is placed 2 times in the English reading (passages 2, 2): once only'])
    expect(found[0]!.line).toBe(17)
  })

  it('refuse a claim placed in different passages in the two languages', () => {
    const found = problems(good({ zh1: `苏茨克维说早期网络很小${fillerZh(300)}。`, zh2: `后来有了显卡[[s01-b]]，而且网络太小[[s01-a]]${fillerZh(300)}。` }))
    expect(found.map(formatProblem)).toEqual(['data/test.yaml:19: sections.0.reading.1.zh: claim s01-a is in passage 1 in English but passage 2 in Chinese: the same passage in both'])
  })

  it('refuse a reading too short or too long in either language, markers excluded', () => {
    expect(problems(good({ en1: `Tiny [[s01-a]] ${fillerEn(94)}.` })).map((p) => p.message)).toEqual([
      'the English reading of section 01 has 299 words (markers excluded): it should have 300–700',
    ])
    expect(problems(good({ en1: `Tiny [[s01-a]] ${fillerEn(95)}.` }))).toEqual([]) // 300: the bound itself is allowed
    expect(problems(good({ zh1: `很小[[s01-a]]${fillerZh(893)}。` })).map((p) => p.message)).toEqual([
      'the Chinese reading of section 01 has 1201 Han characters (markers excluded): it should have 500–1200',
    ])
  })

  it('refuse a run of more than 8 English words or 12 Han characters shared with a claim, card or summary', () => {
    // 9 words of claim s01-a's text, case and punctuation folded.
    const en = problems(good({ en1: `So, NEURAL networks failed at first because they were far too [[s01-a]] ${fillerEn(200)}.` }))
    expect(en.map(formatProblem)).toEqual([
      'data/test.yaml:13: sections.0.reading.0.en: "neural networks failed at first because they were far too" (10 words) is also in the text of claim s01-a: retell it in our own words (at most 8 in a row shared)',
    ])
    // 8 words shared is allowed.
    expect(problems(good({ en1: `So, it failed at first because they were far too [[s01-a]] ${fillerEn(200)}.` }))).toEqual([])
    // 13 Han characters of the summary, punctuation dropped.
    const zh = problems(good({ zh2: `硬件允许网络变大之后，更大的网络能[[s01-b]]${fillerZh(300)}。` }))
    expect(zh.map((p) => p.message)).toEqual(['"硬件允许网络变大之后更大的网络能" (16 Han characters) is also in the summary of section 01: retell it in our own words (at most 12 in a row shared)'])
    expect(problems(good({ zh2: `硬件允许网络变大之后，更大[[s01-b]]${fillerZh(300)}。` }))).toEqual([])
  })

  it('refuse markup: HTML, a marker written wrong', () => {
    expect(problems(good({ en2: `Then <b>graphics</b> chips [[s01-b]] ${fillerEn(200)}.` })).map((p) => p.message)).toEqual(['the reading is plain text: no HTML'])
    expect(problems(good({ en2: `Then chips [[s01-b]] and [[S01-B]] ${fillerEn(200)}.` })).map((p) => p.message)).toEqual([
      'a marker is written [[claim-id]]: lowercase letters, digits and "-" between double brackets',
    ])
  })
})

describe('the reading text', () => {
  it('splits markers from the text and counts words and Han characters without them', () => {
    expect(readingSegments('Too small [[s01-x]] then.')).toEqual([
      { kind: 'text', text: 'Too small ' },
      { kind: 'marker', claimId: 's01-x' },
      { kind: 'text', text: ' then.' },
    ])
    expect(englishWords("Sutskever's view [[s01-x]] was 10x — ok")).toEqual(["sutskever's", 'view', 'was', '10x', 'ok'])
    expect(hanCharacters('苏茨克维说，GPU 很快[[s01-x]]。')).toBe('苏茨克维说很快')
    expect(readingLength([{ en: 'a b [[s01-x]] c', zh: '一二[[s01-x]]三' }])).toEqual({ en: 3, zh: 3 })
  })
})
