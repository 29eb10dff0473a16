import { describe, expect, it } from 'vitest'
import { sampleIds } from './sample'

const ids = Array.from({ length: 12 }, (_, i) => `c${i}`)

describe('sampleIds (npm run deck:sample)', () => {
  it('draws what the reviewers’ own script drew for the same ids and seed (mulberry32, Fisher–Yates from the end)', () => {
    expect(sampleIds(ids, 20261208, 5)).toEqual(['c2', 'c1', 'c8', 'c5', 'c9'])
  })

  it('draws distinct cards of the deck, the same ones for the same seed, others for another seed', () => {
    const draw = sampleIds(ids, 7, 12)
    expect(new Set(draw).size).toBe(12)
    expect([...draw].sort()).toEqual([...ids].sort())
    expect(sampleIds(ids, 7, 5)).toEqual(draw.slice(0, 5))
    expect(sampleIds(ids, 8, 5)).not.toEqual(draw.slice(0, 5))
    expect(sampleIds(ids, 7, 50)).toHaveLength(12)
  })
})
