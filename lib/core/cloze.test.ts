import { describe, expect, it } from 'vitest'
import { ClozeSyntaxError, clozeOrdinals, escapeHtml, parseCloze, renderCloze } from './cloze'

/** The error parseCloze/clozeOrdinals throws for `text`, or fails the test when there is none. */
function syntaxError(run: () => unknown): ClozeSyntaxError {
  try {
    run()
  } catch (err) {
    expect(err).toBeInstanceOf(ClozeSyntaxError)
    return err as ClozeSyntaxError
  }
  throw new Error('expected a ClozeSyntaxError, got none')
}

describe('parseCloze', () => {
  it('splits a text into plain runs and deletions with their ordinal, answer and hint', () => {
    expect(parseCloze('The {{c1::scaling::S…}} hypothesis')).toEqual([
      { kind: 'text', text: 'The ' },
      { kind: 'deletion', ordinal: 1, answer: 'scaling', hint: 'S…' },
      { kind: 'text', text: ' hypothesis' },
    ])
  })

  it('reads multi-digit ordinals and trims spaces around the answer and hint', () => {
    expect(parseCloze('{{c12:: big nets :: size }}')).toEqual([{ kind: 'deletion', ordinal: 12, answer: 'big nets', hint: 'size' }])
  })

  it('gives a deletion without a hint a null hint', () => {
    expect(parseCloze('a {{c2::b}}')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'deletion', ordinal: 2, answer: 'b', hint: null },
    ])
  })

  it('returns plain text unchanged when there is no markup', () => {
    expect(parseCloze('no deletions here')).toEqual([{ kind: 'text', text: 'no deletions here' }])
  })
})

describe('parseCloze rejects malformed markup with a message that says what is wrong', () => {
  it('an unclosed "{{", with its position', () => {
    const err = syntaxError(() => parseCloze('Nets are {{c1::little brains'))
    expect(err.message).toBe('"{{" at character 10 is never closed with "}}"')
    expect(err.offset).toBe(9)
  })

  it('a stray "}}" that closes nothing', () => {
    const err = syntaxError(() => parseCloze('Nets are little}} brains'))
    expect(err.message).toBe('"}}" at character 16 closes nothing')
    expect(err.offset).toBe(15)
  })

  it('a deletion without "cN::"', () => {
    const err = syntaxError(() => parseCloze('Nets are {{little brains}}'))
    expect(err.message).toContain('"{{little brains}}"')
    expect(err.message).toContain('is not of the form {{c1::answer}} or {{c1::answer::hint}}')
  })

  it('ordinal c0 (ordinals start at 1)', () => {
    const err = syntaxError(() => parseCloze('{{c0::zero}}'))
    expect(err.message).toContain('is not of the form {{c1::answer}}')
  })

  it('an empty answer, even if it is only spaces', () => {
    expect(syntaxError(() => parseCloze('x {{c1::}}')).message).toBe('the deletion at character 3 hides nothing')
    expect(syntaxError(() => parseCloze('x {{c1::   ::hint}}')).message).toBe('the deletion at character 3 hides nothing')
  })

  it('an empty hint', () => {
    expect(syntaxError(() => parseCloze('{{c1::answer:: }}')).message).toBe('the hint of the deletion at character 1 is empty')
  })

  it('nested deletions', () => {
    expect(syntaxError(() => parseCloze('{{c1::outer {{c2::inner}} }}')).message).toBe('deletions cannot be nested (character 1)')
  })

  it('too many "::"', () => {
    expect(syntaxError(() => parseCloze('ab {{c1::a::b::c}}')).message).toBe('too many "::" in the deletion at character 4')
  })
})

describe('clozeOrdinals', () => {
  it('lists each ordinal once, ascending, whatever the order in the text', () => {
    expect(clozeOrdinals('{{c3::x}} {{c1::y}} {{c3::z}} {{c2::w}}')).toEqual([1, 2, 3])
  })

  it('refuses a text with no deletion', () => {
    const err = syntaxError(() => clozeOrdinals('Neural nets are little brains.'))
    expect(err.message).toBe('a cloze text needs at least one deletion like {{c1::answer}}')
  })

  it('passes on syntax errors from the text', () => {
    expect(syntaxError(() => clozeOrdinals('{{c1::a')).message).toContain('never closed')
  })
})

describe('renderCloze', () => {
  const text = 'Nets are {{c1::little brains}} that failed because they were {{c2::too small}}.'

  it('on card 1 hides c1 and shows c2 as plain text', () => {
    expect(renderCloze(text, 1)).toEqual({
      frontHtml: 'Nets are <span class="cloze-blank">[…]</span> that failed because they were too small.',
      backHtml: 'Nets are <mark class="cloze-answer">little brains</mark> that failed because they were too small.',
    })
  })

  it('on card 2 hides c2 and shows c1 as plain text', () => {
    expect(renderCloze(text, 2)).toEqual({
      frontHtml: 'Nets are little brains that failed because they were <span class="cloze-blank">[…]</span>.',
      backHtml: 'Nets are little brains that failed because they were <mark class="cloze-answer">too small</mark>.',
    })
  })

  it('shows the hint in brackets on the front, and only the answer on the back', () => {
    const { frontHtml, backHtml } = renderCloze('The {{c1::scaling::S…}} hypothesis', 1)
    expect(frontHtml).toBe('The <span class="cloze-blank">[S…]</span> hypothesis')
    expect(backHtml).toBe('The <mark class="cloze-answer">scaling</mark> hypothesis')
    expect(backHtml).not.toContain('S…')
  })

  it('hides every deletion of the card’s ordinal when it is used twice', () => {
    const { frontHtml, backHtml } = renderCloze('{{c1::Data}}, {{c2::GPUs}} and more {{c1::data}}', 1)
    expect(frontHtml).toBe('<span class="cloze-blank">[…]</span>, GPUs and more <span class="cloze-blank">[…]</span>')
    expect(backHtml).toBe('<mark class="cloze-answer">Data</mark>, GPUs and more <mark class="cloze-answer">data</mark>')
  })

  it('escapes HTML in the text, the answer and the hint on both sides', () => {
    const { frontHtml, backHtml } = renderCloze(
      `<script>alert("x")</script> & {{c1::<b>R&D</b>::it's "<i>"}} {{c2::a<b}}`,
      1,
    )
    expect(frontHtml).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ' +
        '<span class="cloze-blank">[it&#39;s &quot;&lt;i&gt;&quot;]</span> a&lt;b',
    )
    expect(backHtml).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark class="cloze-answer">&lt;b&gt;R&amp;D&lt;/b&gt;</mark> a&lt;b',
    )
    expect(frontHtml + backHtml).not.toMatch(/<(script|b|i)>/)
  })

  it('throws on malformed markup rather than showing it', () => {
    expect(() => renderCloze('{{c1::open', 1)).toThrow(ClozeSyntaxError)
  })
})

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a> 小大脑`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt; 小大脑',
    )
  })

  it('escapes an ampersand that is already an entity again, so text shows literally', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;')
  })
})
