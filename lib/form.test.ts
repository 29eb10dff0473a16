import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorsOf } from './form'

describe('fieldErrorsOf', () => {
  it('gives each field one message, the first zod found, so a field’s error reads as one sentence', () => {
    // zod runs every check of a field: "x" is both too short and not digits.
    const parsed = z.object({ code: z.string().min(3, 'errors.tooShort').regex(/^\d+$/, 'errors.digitsOnly'), name: z.string().min(1, 'errors.nameMissing') }).safeParse({ code: 'x', name: '' })
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(['errors.tooShort', 'errors.digitsOnly', 'errors.nameMissing'])
    expect(fieldErrorsOf(parsed.error!)).toEqual({ code: ['errors.tooShort'], name: ['errors.nameMissing'] })
  })
})
