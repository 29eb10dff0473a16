import { describe, expect, it } from 'vitest'
import {
  answerInPrompt,
  clozeVisible,
  containsPhrase,
  isNumber,
  lintDeck,
  normalizeText,
  numberWords,
  stem,
  sameAnswer,
  stopWord,
  yesNo,
} from './lint'
import { checkDeck } from './parse'
import type { CardFile, ClaimFile, DeckFile } from './schema'

const basic = (id: string, prompt: [string, string], answer: [string, string], extra: Partial<CardFile> = {}) =>
  ({ id, kind: 'basic', prompt: { en: prompt[0], zh: prompt[1] }, answer: { en: answer[0], zh: answer[1] }, ...extra }) as Extract<CardFile, { kind: 'basic' }>
const cloze = (id: string, en: string, zh: string, extra: Partial<CardFile> = {}) =>
  ({ id, kind: 'cloze', text: { en, zh }, ...extra }) as Extract<CardFile, { kind: 'cloze' }>
const claimOf = (cards: CardFile[]): ClaimFile => ({
  id: 's01-x', speaker: 'Ilya Sutskever', importance: 'core', tags: ['t'], text: { en: 'x', zh: 'x' }, why: { en: 'x', zh: 'x' }, cards,
})
const deckOf = (cards: CardFile[]): DeckFile => ({
  id: 'd', title: { en: 't', zh: 't' }, speakers: ['s'], date: '2023-11', published: { en: 'p', zh: 'p' }, languageNote: { en: 'l', zh: 'l' },
  sections: [{ id: '01', title: { en: 't', zh: 't' }, summary: { en: 's', zh: 's' }, claims: [claimOf(cards)] }],
})
const rules = (findings: { rule: string; cardId: string }[]) => findings.map((f) => `${f.cardId} ${f.rule}`)

describe('normalizeText and containsPhrase', () => {
  it('fold case, punctuation and full/half width', () => {
    expect(normalizeText('“Little Ｂrains.”')).toBe('little brains')
    expect(normalizeText('ＧＰＵ，')).toBe('gpu')
  })
  it('match English as whole words (plural allowed) and Chinese as a substring', () => {
    expect(containsPhrase('The GPUs were new', 'GPU')).toBe(true)
    expect(containsPhrase('Reliability matters', 'reliable')).toBe(false)
    expect(containsPhrase('an unreliable model', 'reliable')).toBe(false)
    expect(containsPhrase('模型越来越可靠了', '可靠')).toBe(true)
  })
})

describe('cloze-visible', () => {
  it('flags a deletion that is also written in the visible rest of its card', () => {
    const card = cloze('c', 'We are in an {{c1::acceleration}} phase: some forces are accelerating, some slow it.', '我们正处于{{c1::加速}}阶段：有的力量在加速。')
    expect(rules(clozeVisible(card))).toEqual(['c.c1 cloze-visible', 'c.c1 cloze-visible'])
  })
  it('treats one English word and its other forms as the same word', () => {
    const card = cloze('c', 'Models are becoming more {{c1::reliable}}, and reliability is the bottleneck.', '模型越来越{{c1::稳定}}，而可靠性是瓶颈。')
    expect(rules(clozeVisible(card))).toEqual(['c.c1 cloze-visible'])
    expect([stem('acceleration'), stem('accelerating'), stem('data'), stem('reliable'), stem('reliability')]).toEqual(['acceler', 'acceler', 'data', 'reli', 'reli'])
  })
  it('flags a hint that gives the deletion away', () => {
    expect(rules(clozeVisible(cloze('c', 'Nets need {{c1::GPUs::GPUs or CPUs}}.', '网络需要{{c1::GPU::硬件}}。')))).toEqual(['c.c1 cloze-visible'])
  })
  it('counts other ordinals as visible text on this card', () => {
    const card = cloze('c', '{{c1::Data}} is the limit; {{c2::data}} can be overcome.', '{{c1::数据}}是限制，但{{c2::数据}}可以克服。')
    expect(rules(clozeVisible(card))).toEqual(['c.c1 cloze-visible', 'c.c2 cloze-visible', 'c.c1 cloze-visible', 'c.c2 cloze-visible'])
  })
  it('passes a deletion the rest of the card does not contain', () => {
    expect(clozeVisible(cloze('c', 'A vision net of about {{c1::a thousand}} neurons does nothing.', '约{{c1::一千}}个神经元的视觉网络什么也做不了。'))).toEqual([])
  })
})

describe('answer-in-prompt', () => {
  it('flags a question that contains its answer, in either language', () => {
    const card = basic('q', ['Which reliability gap does a smaller model lose?', '小模型损失了什么？'], ['Reliability.', '可靠性。'])
    expect(rules(answerInPrompt(card))).toEqual(['q answer-in-prompt'])
    const zh = basic('q', ['What do small models lose?', '换成小模型会丢掉可靠性还是速度？'], ['Reliability.', '可靠性。'])
    expect(rules(answerInPrompt(zh))).toEqual(['q answer-in-prompt'])
  })
  it('ignores the answer’s parenthetical aside and passes a question without the answer', () => {
    expect(answerInPrompt(basic('q', ['What plays the role of an equation?', '什么相当于方程？'], ['Each data point (an equation).', '每个数据点（一道方程）。']))).toEqual([])
  })
})

describe('same-answer', () => {
  it('flags a later card of the claim whose answer equals an earlier one after normalising', () => {
    const claim = claimOf([
      basic('q1', ['What did he see neural nets as?', '他把神经网络看作什么？'], ['Little brains.', '小大脑。']),
      cloze('z1', 'He saw nets as {{c1::LITTLE BRAINS}}; theorems did not matter.', '他把网络看作{{c1::小大脑}}；定理不重要。'),
    ])
    const findings = sameAnswer(claim)
    expect(rules(findings)).toEqual(['z1.c1 same-answer'])
    expect(findings[0]!.message).toContain('q1')
  })
  it('catches a clash in Chinese alone (full-width punctuation folded)', () => {
    const claim = claimOf([
      basic('q1', ['What is lost first?', '最先失去什么？'], ['Its reliability', '可靠性。']),
      basic('q2', ['What is the bottleneck?', '瓶颈是什么？'], ['A lack of trust', '可靠性']),
    ])
    expect(rules(sameAnswer(claim))).toEqual(['q2 same-answer'])
  })
  it('passes cards of a claim that test different details', () => {
    const claim = claimOf([
      basic('q1', ['Which method was old?', '哪种方法早已有之？'], ['Gradient descent.', '梯度下降。']),
      cloze('z1', 'What was missing was {{c1::technical insight}}.', '缺的是{{c1::技术洞见}}。'),
    ])
    expect(sameAnswer(claim)).toEqual([])
  })
})

describe('yes-no', () => {
  it('flags an English question that opens as yes/no or asks how sure', () => {
    expect(rules(yesNo(basic('q', ['Is research on 7B models a waste?', '7B 模型的研究白费了吗？'], ['No.', '不是。'])))).toEqual(['q yes-no'])
    expect(rules(yesNo(basic('q', ['How sure is he of the answer?', '他有多大把握？'], ['Not sure.', '没把握。'])))).toEqual(['q yes-no'])
  })
  it('passes a wh-question, even one containing "is"', () => {
    expect(yesNo(basic('q', ['What is the near-term limit on scaling?', '近期扩展的限制是什么？'], ['Data.', '数据。']))).toEqual([])
    expect(yesNo(basic('q', ['Island: which animal?', '哪种动物？'], ['Ferrets.', '雪貂。']))).toEqual([])
  })
})

describe('stop-word', () => {
  it('flags a single English stop word and a single Chinese character', () => {
    expect(rules(stopWord(cloze('c', 'It is {{c1::more}} reliable.', '它{{c1::更加}}可靠。')))).toEqual(['c.c1 stop-word'])
    expect(rules(stopWord(cloze('c', 'It learns {{c1::faster}}.', '它学得更{{c1::快}}。')))).toEqual(['c.c1 stop-word'])
  })
  it('passes content words and a Chinese numeral', () => {
    expect(stopWord(cloze('c', 'In {{c1::five}} years, {{c2::reliability}}.', '{{c1::五}}年后，{{c2::可靠性}}。'))).toEqual([])
  })
})

describe('number-words', () => {
  it('recognises numbers written in digits or words, in both languages', () => {
    expect(['about a thousand', '20', '7B', 'two', 'more than half'].map((t) => isNumber(t, 'en'))).toEqual([true, true, true, true, true])
    expect(['一千', '20', '7B', '两块', '一半以上', '五到十'].map((t) => isNumber(t, 'zh'))).toEqual([true, true, true, true, true, false])
    expect(isNumber('reliability', 'en') || isNumber('可靠性', 'zh')).toBe(false)
  })
  it('flags an ordinal that hides a number in one language and words in the other', () => {
    const card = cloze('c', 'He spent {{c1::more than half}} of {{c2::20}} years there.', '他在那儿度过了{{c1::大部分时间}}，共 {{c2::20}} 年。')
    expect(rules(numberWords(card))).toEqual(['c.c1 number-words'])
  })
  it('passes matching kinds', () => {
    expect(numberWords(cloze('c', 'About {{c1::a thousand}} {{c2::neurons}}.', '约{{c1::一千}}个{{c2::神经元}}。'))).toEqual([])
  })
})

describe('lintDeck', () => {
  const weak = basic('s01-x-q1', ['Is scaling an asset?', '规模化是资产吗？'], ['Yes.', '是。'])
  it('reports findings with the card’s deck path', () => {
    expect(lintDeck(deckOf([weak]))).toEqual([
      expect.objectContaining({ rule: 'yes-no', cardId: 's01-x-q1', path: ['sections', 0, 'claims', 0, 'cards', 0, 'prompt', 'en'] }),
    ])
  })
  it('drops a finding the card excuses with lint-ok, and reports a lint-ok that excuses nothing', () => {
    const excused = { ...weak, 'lint-ok': { 'yes-no': 'A test of the suppression itself, kept on purpose.' } }
    expect(lintDeck(deckOf([excused]))).toEqual([])
    const stale = { ...excused, 'lint-ok': { ...excused['lint-ok'], 'stop-word': 'No deletion here, so this excuse is stale.' } }
    expect(lintDeck(deckOf([stale]))).toEqual([
      expect.objectContaining({ rule: 'stop-word', cardId: 's01-x-q1', path: ['sections', 0, 'claims', 0, 'cards', 0, 'lint-ok', 'stop-word'] }),
    ])
  })
})

describe('checkDeck (what deck:check prints)', () => {
  const yaml = (card: string) => `id: "d"
title: { en: "t", zh: "t" }
speakers: ["s"]
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
${card}`
  it('names the file, the line, the path, the card and the rule', () => {
    const card = `          - id: "s01-x-z1"
            kind: "cloze"
            text:
              en: "Models grow {{c1::more}} reliable."
              zh: "模型变得更{{c1::稳}}。"
`
    expect(checkDeck(yaml(card), 'data/x.yaml')).toEqual([
      { file: 'data/x.yaml', line: 22, path: 'sections.0.claims.0.cards.0.text.en', message: 's01-x-z1.c1: [stop-word] the deletion "more" is a single stop word' },
      { file: 'data/x.yaml', line: 23, path: 'sections.0.claims.0.cards.0.text.zh', message: 's01-x-z1.c1: [stop-word] the deletion "稳" is a single Chinese character' },
    ])
  })
  it('refuses a lint-ok without a written reason, at its line', () => {
    const card = `          - id: "s01-x-q1"
            kind: "basic"
            prompt: { en: "Is it so?", zh: "是吗？" }
            answer: { en: "It is.", zh: "是的。" }
            lint-ok: { yes-no: "" }
`
    expect(checkDeck(yaml(card), 'data/x.yaml')).toEqual([
      { file: 'data/x.yaml', line: 23, path: 'sections.0.claims.0.cards.0.lint-ok.yes-no', message: 'say why this card may break the rule, in a sentence' },
    ])
  })
})
