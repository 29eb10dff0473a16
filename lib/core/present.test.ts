import { describe, expect, it } from 'vitest'
import { missingSectionIds, presentCard, presentText, type CardTexts } from './present'

const basic: CardTexts = {
  kind: 'basic',
  ordinal: 0,
  frontEn: 'What did Sutskever see neural networks as?',
  frontZh: '苏茨克维把神经网络看作什么？',
  backEn: 'Little brains.',
  backZh: '小型的大脑。',
}

const cloze: CardTexts = {
  kind: 'cloze',
  ordinal: 2,
  frontEn: 'Nets are {{c1::little brains}}, so who cares about {{c2::theorems::T…}}.',
  frontZh: '神经网络是{{c1::小大脑}}，不必在乎{{c2::定理::定…}}。',
  backEn: '',
  backZh: '',
}

const en = (html: string) => `<div lang="en" class="lang-en">${html}</div>`
const zh = (html: string) => `<div lang="zh-Hans" class="lang-zh">${html}</div>`

describe('presentCard, basic card', () => {
  it('shows the English question and answer in English', () => {
    expect(presentCard(basic, 'en')).toEqual({
      promptHtml: en('What did Sutskever see neural networks as?'),
      answerHtml: en('Little brains.'),
    })
  })

  it('shows the Chinese question and answer in Chinese, marked lang="zh-Hans"', () => {
    expect(presentCard(basic, 'zh')).toEqual({
      promptHtml: zh('苏茨克维把神经网络看作什么？'),
      answerHtml: zh('小型的大脑。'),
    })
  })

  it('shows the English block and then the Chinese block in "both"', () => {
    expect(presentCard(basic, 'both')).toEqual({
      promptHtml: en('What did Sutskever see neural networks as?') + zh('苏茨克维把神经网络看作什么？'),
      answerHtml: en('Little brains.') + zh('小型的大脑。'),
    })
  })
})

describe('presentCard, cloze card', () => {
  it('hides the card’s own ordinal (with its hint) and shows the others in English', () => {
    expect(presentCard(cloze, 'en')).toEqual({
      promptHtml: en('Nets are little brains, so who cares about <span class="cloze-blank">[T…]</span>.'),
      answerHtml: en('Nets are little brains, so who cares about <mark class="cloze-answer">theorems</mark>.'),
    })
  })

  it('uses the Chinese cloze text in Chinese', () => {
    expect(presentCard(cloze, 'zh')).toEqual({
      promptHtml: zh('神经网络是小大脑，不必在乎<span class="cloze-blank">[定…]</span>。'),
      answerHtml: zh('神经网络是小大脑，不必在乎<mark class="cloze-answer">定理</mark>。'),
    })
  })

  it('shows English then Chinese in "both", each hiding the same ordinal', () => {
    const { promptHtml, answerHtml } = presentCard({ ...cloze, ordinal: 1 }, 'both')
    expect(promptHtml).toBe(
      en('Nets are <span class="cloze-blank">[…]</span>, so who cares about theorems.') +
        zh('神经网络是<span class="cloze-blank">[…]</span>，不必在乎定理。'),
    )
    expect(answerHtml).toBe(
      en('Nets are <mark class="cloze-answer">little brains</mark>, so who cares about theorems.') +
        zh('神经网络是<mark class="cloze-answer">小大脑</mark>，不必在乎定理。'),
    )
  })
})

describe('presentCard escapes everything from the deck', () => {
  it('escapes HTML in a basic card’s question and answer, in both languages', () => {
    const card: CardTexts = {
      kind: 'basic',
      ordinal: 0,
      frontEn: '<script>alert(1)</script> & "why"?',
      frontZh: '<img src=x onerror=alert(1)>',
      backEn: "it's <b>bold</b>",
      backZh: 'A & B',
    }
    expect(presentCard(card, 'both')).toEqual({
      promptHtml: en('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;why&quot;?') + zh('&lt;img src=x onerror=alert(1)&gt;'),
      answerHtml: en('it&#39;s &lt;b&gt;bold&lt;/b&gt;') + zh('A &amp; B'),
    })
  })

  it('escapes HTML in a cloze card’s text, answer and hint', () => {
    const card: CardTexts = {
      kind: 'cloze',
      ordinal: 1,
      frontEn: '<i>x</i> {{c1::<b>&</b>::"<"}}',
      frontZh: '{{c1::<u>}}',
      backEn: '',
      backZh: '',
    }
    const { promptHtml, answerHtml } = presentCard(card, 'both')
    expect(promptHtml).toBe(
      en('&lt;i&gt;x&lt;/i&gt; <span class="cloze-blank">[&quot;&lt;&quot;]</span>') + zh('<span class="cloze-blank">[…]</span>'),
    )
    expect(answerHtml).toBe(
      en('&lt;i&gt;x&lt;/i&gt; <mark class="cloze-answer">&lt;b&gt;&amp;&lt;/b&gt;</mark>') +
        zh('<mark class="cloze-answer">&lt;u&gt;</mark>'),
    )
  })
})

describe('presentText', () => {
  it('presentText gives escaped HTML in the display language, English first for "both"', () => {
    expect(presentText('A & B', '甲<乙', 'en')).toBe(en('A &amp; B'))
    expect(presentText('A & B', '甲<乙', 'zh')).toBe(zh('甲&lt;乙'))
    expect(presentText('A & B', '甲<乙', 'both')).toBe(en('A &amp; B') + zh('甲&lt;乙'))
  })
})

describe('missingSectionIds', () => {
  it('names the numbers skipped between the first and the last section, as the deck writes them', () => {
    expect(missingSectionIds(['01', '02', '03', '04', '06', '07', '08', '09', '10'])).toEqual(['05'])
    expect(missingSectionIds(['01', '02', '04', '06'])).toEqual(['03', '05'])
    expect(missingSectionIds(['06', '01', '02'])).toEqual(['03', '04', '05'])
  })
  it('finds no gap in a complete run, one section, or none', () => {
    expect(missingSectionIds(['01', '02', '03'])).toEqual([])
    expect(missingSectionIds(['07'])).toEqual([])
    expect(missingSectionIds([])).toEqual([])
  })
})
