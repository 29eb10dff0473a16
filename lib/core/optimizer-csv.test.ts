import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { OPTIMIZER_CSV_HEADER, optimizerCardId, optimizerCsv } from './optimizer-csv'

describe('the FSRS optimizer\'s CSV', () => {
  it('writes the header and one line per answer: integer card id, ms time, rating, state before, duration in ms', () => {
    const csv = optimizerCsv([
      { cardId: 's01-c01', review: new Date('2026-03-02T12:00:00.123Z'), rating: 3, state: 0, durationMs: 4200 },
      { cardId: 's01-c01', review: new Date('2026-03-02T12:10:00Z'), rating: 3, state: 1, durationMs: 60_000 },
      { cardId: 's02-c07', review: new Date('2026-03-05T08:00:00Z'), rating: 1, state: 2, durationMs: 0 },
    ])
    const a = optimizerCardId('s01-c01')
    const b = optimizerCardId('s02-c07')
    expect(csv).toBe(
      `${OPTIMIZER_CSV_HEADER}\n${a},1772452800123,3,0,4200\n${a},1772453400000,3,1,60000\n${b},1772697600000,1,2,0\n`,
    )
    expect(OPTIMIZER_CSV_HEADER).toBe('card_id,review_time,review_rating,review_state,review_duration')
  })

  it('maps a card id to the integer its SHA-256 begins with: stable, different per card, exact in a double', () => {
    const id = optimizerCardId('s01-c01')
    expect(id).toBe(parseInt(createHash('sha256').update('s01-c01').digest('hex').slice(0, 12), 16))
    expect(Number.isSafeInteger(id)).toBe(true)
    expect(optimizerCardId('s01-c01')).toBe(id)
    expect(optimizerCardId('s01-c02')).not.toBe(id)
  })

  it('is the header alone without answers', () => {
    expect(optimizerCsv([])).toBe(`${OPTIMIZER_CSV_HEADER}\n`)
  })
})
