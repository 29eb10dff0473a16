/** Small decks for the deck tests: cards, a claim and a deck built in code, and deck files around YAML cards or a reading. */
import type { CardFile, ClaimFile, DeckFile } from './schema'

/** A deck file's first eleven lines: deck "d" and its section 01 down to its summary. */
const deckHead = (summary: string) => `id: "d"
title: { en: "t", zh: "t" }
speakers: [{ en: "s", zh: "s" }]
tags: { t: { en: "t", zh: "t" } }
date: "2023-11"
published: { en: "p", zh: "p" }
languageNote: { en: "l", zh: "l" }
sections:
  - id: "01"
    title: { en: "t", zh: "t" }
    summary: ${summary}`

export const basic = (id: string, prompt: [string, string], answer: [string, string], extra: Partial<CardFile> = {}) =>
  ({ id, kind: 'basic', prompt: { en: prompt[0], zh: prompt[1] }, answer: { en: answer[0], zh: answer[1] }, ...extra }) as Extract<CardFile, { kind: 'basic' }>

export const cloze = (id: string, en: string, zh: string, extra: Partial<CardFile> = {}) =>
  ({ id, kind: 'cloze', text: { en, zh }, ...extra }) as Extract<CardFile, { kind: 'cloze' }>

export const claimOf = (cards: CardFile[]): ClaimFile => ({
  id: 's01-x', speaker: 'Ilya Sutskever', importance: 'core', tags: ['t'], text: { en: 'x', zh: 'x' }, why: { en: 'x', zh: 'x' }, cards,
})

export const deckOf = (cards: CardFile[]): DeckFile => ({
  id: 'd', title: { en: 't', zh: 't' }, speakers: [{ en: 'Ilya Sutskever', zh: '伊利亚·苏茨克维' }], tags: { t: { en: 't', zh: 't' } }, date: '2023-11', published: { en: 'p', zh: 'p' }, languageNote: { en: 'l', zh: 'l' },
  sections: [{ id: '01', title: { en: 't', zh: 't' }, summary: { en: 's', zh: 's' }, claims: [claimOf(cards)] }],
})

/** A deck file (deck "d", one claim "s01-x") around `cards`, YAML list items indented by ten spaces; line 20 is the first card's. */
export const deckYaml = (cards: string) => `${deckHead('{ en: "s", zh: "s" }')}
    claims:
      - id: "s01-x"
        speaker: "s"
        importance: "core"
        tags: ["t"]
        text: { en: "x", zh: "x" }
        why: { en: "x", zh: "x" }
        cards:
${cards}`

/** Filler prose of `n` English words that no deck text contains (for the reading's length rule). */
export const fillerEn = (n: number) => Array.from({ length: n }, (_, i) => ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'][i % 7]).join(' ')
/** Filler of `n` Han characters that no deck text contains. */
export const fillerZh = (n: number) => Array.from({ length: n }, (_, i) => '甲乙丙丁戊己庚辛壬癸'[i % 10]).join('')

/**
 * A deck file with one section of two claims (s01-a, s01-b) and the given `reading:` lines (indented by four
 * spaces, as a section's keys are). Line 13 is the reading's first line.
 */
export const readingDeckYaml = (reading: string) => `${deckHead('{ en: "Bigger networks did more once the hardware allowed them to grow.", zh: "硬件允许网络变大之后，更大的网络能做更多的事情。" }')}
    reading:
${reading}
    claims:
      - id: "s01-a"
        speaker: "s"
        importance: "core"
        tags: ["t"]
        text: { en: "Neural networks failed at first because they were far too small to work.", zh: "神经网络起初不灵，是因为它们实在太小了，根本无法工作。" }
        why: { en: "x", zh: "x" }
        cards:
          - { id: "s01-a-q1", kind: "basic", prompt: { en: "Why did nets fail?", zh: "为何不灵？" }, answer: { en: "Too small.", zh: "太小。" } }
      - id: "s01-b"
        speaker: "s"
        importance: "core"
        tags: ["t"]
        text: { en: "GPUs made the big networks possible.", zh: "GPU 让大网络成为可能。" }
        why: { en: "x", zh: "x" }
        cards:
          - { id: "s01-b-q1", kind: "basic", prompt: { en: "What made big nets possible?", zh: "什么让大网络可能？" }, answer: { en: "GPUs.", zh: "GPU。" } }
`
