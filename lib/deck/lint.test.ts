import { describe, expect, it } from 'vitest'
import {
  STRICT_LINT_RULES,
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
import { danglingPointers, manyAnswers, noReferent, siblingShowsAnswer, unnamedSpeaker } from './lint-honest'
import { checkDeck } from './parse'
import { basic, claimOf, cloze, deckOf, deckYaml } from './test-decks'
import { answerKey, contentWords, foldWord, nameWords } from './words'

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
  it('names the file, the line, the path, the card and the rule', () => {
    const card = `          - id: "s01-x-z1"
            kind: "cloze"
            text:
              en: "Models grow {{c1::more}} reliable."
              zh: "模型变得更{{c1::稳}}。"
`
    expect(checkDeck(deckYaml(card), 'data/x.yaml')).toEqual([
      { file: 'data/x.yaml', line: 23, path: 'sections.0.claims.0.cards.0.text.en', message: 's01-x-z1.c1: [stop-word] the deletion "more" is a single stop word' },
      { file: 'data/x.yaml', line: 24, path: 'sections.0.claims.0.cards.0.text.zh', message: 's01-x-z1.c1: [stop-word] the deletion "稳" is a single Chinese character' },
    ])
  })
  it('refuses a lint-ok without a written reason, at its line', () => {
    const card = `          - id: "s01-x-q1"
            kind: "basic"
            prompt: { en: "Is it so?", zh: "是吗？" }
            answer: { en: "It is.", zh: "是的。" }
            lint-ok: { yes-no: "" }
`
    expect(checkDeck(deckYaml(card), 'data/x.yaml')).toEqual([
      { file: 'data/x.yaml', line: 24, path: 'sections.0.claims.0.cards.0.lint-ok.yes-no', message: 'say why this card may break the rule, in a sentence' },
    ])
  })
})

describe('content words (words.ts)', () => {
  it('drop stop words, names and single letters, and fold suffixes until four letters are left', () => {
    expect([...contentWords('Confidence that the model will succeed, per Sutskever’s view.', 'en')]).toEqual(['confid', 'model', 'succ', 'view'])
    expect(foldWord('transformers')).toBe(foldWord('Transformer'))
    expect(foldWord('confident')).toBe(foldWord('confidence'))
    expect(foldWord('data')).toBe('data')
  })
  it('read Chinese as characters less particles and names, and Latin words in it as English', () => {
    expect([...contentWords('苏茨克维说：它们是 GPU 的大脑。', 'zh')].sort()).toEqual(['gpu', '大', '脑', '说'].sort())
  })
  it('take an answer’s names and numbers (not its first word, nor the deck’s common names)', () => {
    expect([...nameWords('Training a network to play Dota 2 like OpenAI.', 'en')]).toEqual(['dota', '2'])
    expect([...nameWords('Little brains.', 'en')]).toEqual([])
    expect([...nameWords('训练网络玩 Dota 2。', 'zh')]).toEqual(['dota', '2'])
  })
  it('answerKey folds width, case, punctuation, spaces next to Chinese and a leading article only', () => {
    expect(answerKey('The  Ｌittle brains.')).toBe(answerKey('little brains'))
    expect(answerKey('GPU 代码。')).toBe(answerKey('GPU代码'))
    expect(answerKey('little brain')).not.toBe(answerKey('little brains'))
  })
})

describe('sibling-shows-answer', () => {
  it('flags a front that shows two thirds of another card’s content words, naming both cards', () => {
    const claim = claimOf([
      basic('q1', ['When do AI systems count as digital life?', 'AI 系统何时算数字生命？'], ['When they become reliable and highly autonomous.', '当它们可靠且高度自主时。']),
      cloze('z1', 'Once systems are reliable and highly autonomous, they are {{c1::digital life}}.', '系统一旦可靠且高度自主，就是{{c1::数字生命}}。'),
    ])
    const findings = siblingShowsAnswer(claim)
    expect(findings.map((f) => `${f.cardId} ${f.path.join('.')}`)).toEqual(['q1 prompt.en', 'q1 prompt.zh', 'z1.c1 text.en', 'z1.c1 text.zh'])
    expect(findings[2]!.message).toContain('the answer of q1')
    expect(findings[2]!.message).toContain('3 of its 4 content words')
  })
  it('flags a front that shows every name an answer contains, however long the answer', () => {
    const claim = claimOf([
      basic('q1', ['What was OpenAI’s first large project?', 'OpenAI 的第一个大项目是什么？'], ['Training a network to play Dota 2 at the level of the best humans.', '训练网络以顶尖水平玩 Dota 2。']),
      basic('q3', ['Who drove the Dota 2 project?', '谁推动了 Dota 2 项目？'], ['Jakub Pachocki and Greg Brockman.', 'Jakub Pachocki 和 Greg Brockman。']),
    ])
    expect(rules(siblingShowsAnswer(claim))).toEqual(['q3 sibling-shows-answer', 'q3 sibling-shows-answer'])
  })
  it('exempts the ordinals of one cloze text from each other, as Anki does', () => {
    const claim = claimOf([cloze('z1', 'Each {{c1::data point}} is an equation; each {{c2::parameter}} is a variable of the data point.', '每个{{c1::数据点}}是方程，每个{{c2::参数}}是数据点的未知数。')])
    expect(siblingShowsAnswer(claim)).toEqual([])
  })
  it('passes cards that share a topic but not an answer (positive control)', () => {
    const claim = claimOf([
      basic('q1', ['What hardware was newly used for machine learning?', '哪种硬件刚被用于机器学习？'], ['GPUs.', 'GPU。']),
      cloze('z1', 'People sensed the new hardware was good but {{c1::did not know what for}}.', '人们觉得新硬件是好东西，却{{c1::说不清用在哪}}。'),
    ])
    expect(siblingShowsAnswer(claim)).toEqual([])
  })
})

describe('no-referent', () => {
  it('flags a first clause that points at what nothing before it names, in both languages', () => {
    expect(danglingPointers('What happened to the brain regions of those children?', 'en')).toEqual(['those children'])
    expect(danglingPointers('What downside does he expect as this debate grows?', 'en')).toEqual(['this debate'])
    expect(danglingPointers('In the experiment, researchers rewired a nerve.', 'en')).toEqual(['the experiment'])
    // A pronoun is reported with the word after it (the heuristic cannot tell a noun from a verb), or alone at the end.
    expect(danglingPointers('What does this show?', 'en')).toEqual(['this show'])
    expect(danglingPointers('Why did he say those?', 'en')).toEqual(['those'])
    expect(danglingPointers('那些孩子的脑功能区后来怎样了？', 'zh')).toEqual(['那些孩子'])
    expect(danglingPointers('他预计随着这场讨论升温，会怎样？', 'zh')).toEqual(['这场讨论'])
    const card = basic('q2', ['What happened to those children?', '那些孩子后来怎样了？'], ['They recovered.', '恢复了。'])
    expect(noReferent(card).map((f) => `${f.cardId} ${f.rule} ${f.path.join('.')}`)).toEqual(['q2 no-referent prompt.en', 'q2 no-referent prompt.zh'])
  })
  it('passes a pointer whose referent is on the card, after the first clause, defined where it stands, quoted or meaning "now"', () => {
    expect(danglingPointers('Section 07 names data as the limit. Which recipe does that limit threaten?', 'en')).toEqual([])
    expect(danglingPointers('A network of the brain’s size might do what that brain does.', 'en')).toEqual([])
    expect(danglingPointers('Which animal was used in the experiment where the nerve was moved?', 'en')).toEqual([])
    expect(danglingPointers('Instead of asking \'can this architecture get there?\', how should one think?', 'en')).toEqual([])
    expect(danglingPointers('He said that progress will continue, and that data is finite.', 'en')).toEqual([])
    expect(danglingPointers('把视神经接到听觉皮层的那个实验用的是什么动物？', 'zh')).toEqual([])
    expect(danglingPointers('苏茨克维如何定性「加算力就变好」这一事实？', 'zh')).toEqual([])
    expect(danglingPointers('苏茨克维认为当前这一代模型最重大的变化是什么？', 'zh')).toEqual([])
    expect(danglingPointers('数据有限，不过他不想夸大这一点。', 'zh')).toEqual([])
    expect(danglingPointers('因此神经网络被冷落。', 'zh')).toEqual([])
  })
})

describe('unnamed-speaker', () => {
  it('flags a front that says he/his/him or 他 without naming Sutskever or the host', () => {
    const card = basic('q', ['How does he describe the case for open source?', '他如何看待开源？'], ['Complicated.', '复杂。'])
    expect(unnamedSpeaker(card).map((f) => f.path.join('.'))).toEqual(['prompt.en', 'prompt.zh'])
    expect(rules(unnamedSpeaker(cloze('z', 'In his view, nets are {{c1::brains}}.', '在他看来，网络就是{{c1::大脑}}。')))).toEqual(['z.c1 unnamed-speaker', 'z.c1 unnamed-speaker'])
  })
  it('passes a front that names the speaker, and 他们/其他/他人 (they, other, others)', () => {
    expect(unnamedSpeaker(basic('q', ['How does Sutskever say he decided?', '苏茨克维说他怎么决定的？'], ['x', 'x']))).toEqual([])
    expect(unnamedSpeaker(basic('q', ['What did the host say his guest meant?', '主持人说他的意思是什么？'], ['x', 'x']))).toEqual([])
    expect(unnamedSpeaker(basic('q', ['What do they want?', '他们和其他人想要什么？'], ['x', 'x']))).toEqual([])
  })
})

describe('many-answers', () => {
  it('flags an answer, or a deletion, that takes any of several', () => {
    expect(rules(manyAnswers(basic('q', ['Name an ability.', '举一种能力。'], ['Any of: chain of thought; expertise.', '任选其一：思维链；专业本事。'])))).toEqual(['q many-answers', 'q many-answers'])
    expect(rules(manyAnswers(basic('q', ['Which force?', '哪股力量？'], ['One of the accelerating forces.', '加速力量之一。'])))).toEqual(['q many-answers', 'q many-answers'])
    expect(rules(manyAnswers(cloze('z', 'He names {{c1::either cost or scale}}.', '他点出{{c1::成本或规模任一}}。')))).toEqual(['z.c1 many-answers', 'z.c1 many-answers'])
  })
  it('passes a single answer that merely contains "one" or "any"', () => {
    expect(manyAnswers(basic('q', ['What is enough?', '什么就够了？'], ['One big unified architecture.', '一个统一的大架构。']))).toEqual([])
    expect(manyAnswers(basic('q', ['What is it not?', '它不是什么？'], ['Not any specific target.', '不是任何预设目标。']))).toEqual([])
  })
})

describe('strict rules and lint-ok', () => {
  it('the schema refuses a lint-ok that names a rule no reason can excuse', () => {
    const card = `          - id: "s01-x-q1"
            kind: "basic"
            prompt: { en: "What happened to those children?", zh: "那些孩子怎样了？" }
            answer: { en: "They grew up.", zh: "长大了。" }
            lint-ok: { no-referent: "The children are named in the claim text, which is enough." }
`
    expect(checkDeck(deckYaml(card), 'data/x.yaml')).toEqual([
      { file: 'data/x.yaml', line: 24, path: 'sections.0.claims.0.cards.0.lint-ok.no-referent', message: 'lint-ok cannot excuse "no-referent": a card that breaks it is not an honest test, so fix the card' },
    ])
    expect(STRICT_LINT_RULES).toEqual(['sibling-shows-answer', 'id-reused', 'no-referent', 'unnamed-speaker', 'many-answers'])
  })
  it('lintDeck keeps a strict finding even on a card built in code with such a lint-ok', () => {
    const card = { ...basic('s01-x-q1', ['What happened to those children?', '那些孩子怎样了？'], ['They grew up.', '长大了。']), 'lint-ok': { 'no-referent': 'An excuse the schema would refuse.' } }
    const findings = lintDeck(deckOf([card]))
    expect(rules(findings)).toEqual(['s01-x-q1 no-referent', 's01-x-q1 no-referent', 's01-x-q1 no-referent'])
    expect(findings[2]!.message).toContain('cannot excuse')
  })
})
