import { describe, expect, it } from 'vitest'
import { changeCardsSchema, changeId, formFields, summaryOf, withSummary } from './browse-actions'

const BATCH = '5f0c2a8e-1b2c-4d3e-8f40-123456789abc'

describe('the card browser forms', () => {
  it('gives each card of a submit its own id, the same on a resend, a UUID', () => {
    const a = changeId(BATCH, 'reset', '01-02.c1')
    expect(a).toBe(changeId(BATCH, 'reset', '01-02.c1'))
    expect(a).not.toBe(changeId(BATCH, 'reset', '01-02.c2'))
    expect(a).not.toBe(changeId(BATCH, 'suspend', '01-02.c1'))
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('reads repeated card fields, refuses odd ones, and never goes back outside the browser', () => {
    const form = new FormData()
    form.append('op', 'unbury')
    form.append('batch', BATCH)
    form.append('back', '/browse?tag=scaling')
    form.append('card', 'a.c1:3')
    form.append('card', 'b:0')
    expect(changeCardsSchema.parse(formFields(form)).card).toEqual([{ cardId: 'a.c1', version: 3 }, { cardId: 'b', version: 0 }])
    for (const back of ['https://evil.example/browse', '//evil.example', '/browse/../settings', '/review']) {
      expect(changeCardsSchema.safeParse({ ...formFields(form), back }).success, back).toBe(false)
    }
    expect(changeCardsSchema.safeParse({ ...formFields(form), card: ['a:x'] }).success).toBe(false)
    expect(changeCardsSchema.safeParse({ ...formFields(form), op: 'delete' }).success).toBe(false)
  })

  it('carries what was done in the URL, replacing an earlier summary, and reads only what parses', () => {
    const url = withSummary('/browse?tag=x&done=suspend&changed=9', { done: 'resume', changed: 2, unchanged: 0, stale: 1, undo: null })
    expect(url).toBe('/browse?tag=x&done=resume&changed=2&unchanged=0&stale=1')
    expect(summaryOf({ done: 'resume', changed: '2', stale: 'lots', undo: 'nope' })).toEqual({ change: { op: 'resume', changed: 2, unchanged: 0, stale: 0, undo: null }, undone: null })
    expect(summaryOf({ done: 'explode' }).change).toBeNull()
  })
})
