/** Small decks for the deck tests: cards, a claim and a deck built in code, and a deck file around YAML cards. */
import type { CardFile, ClaimFile, DeckFile } from './schema'

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
export const deckYaml = (cards: string) => `id: "d"
title: { en: "t", zh: "t" }
speakers: [{ en: "s", zh: "s" }]
tags: { t: { en: "t", zh: "t" } }
date: "2023-11"
published: { en: "p", zh: "p" }
languageNote: { en: "l", zh: "l" }
sections:
  - id: "01"
    title: { en: "t", zh: "t" }
    summary: { en: "s", zh: "s" }
    claims:
      - id: "s01-x"
        speaker: "s"
        importance: "core"
        tags: ["t"]
        text: { en: "x", zh: "x" }
        why: { en: "x", zh: "x" }
        cards:
${cards}`
