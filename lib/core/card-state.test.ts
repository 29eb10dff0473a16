import { describe, expect, it } from 'vitest'
import { isLeechLapse } from './card-state'
import { stateFromSnapshot } from './state-snapshot'

describe('isLeechLapse', () => {
  it('marks a leech at the threshold, then every half threshold after (as Anki)', () => {
    expect([6, 7, 8, 9, 10, 11, 12, 13, 16].map((lapses) => isLeechLapse(lapses, 8))).toEqual([false, false, true, false, false, false, true, false, true])
    expect([1, 2, 3].map((lapses) => isLeechLapse(lapses, 1))).toEqual([true, true, true])
    expect([2, 3, 4, 5].map((lapses) => isLeechLapse(lapses, 3))).toEqual([false, true, false, true])
  })
})

describe('stateFromSnapshot', () => {
  it('reads a snapshot written before the suspended and leech flags existed as both off', () => {
    const old = '{"cardId":"c","due":"2026-03-02T14:00:00.000Z","stability":1,"difficulty":5,"elapsedDays":0,"scheduledDays":0,"learningSteps":1,"reps":1,"lapses":0,"state":1,"lastReview":"2026-03-02T14:00:00.000Z","version":1}'
    expect(stateFromSnapshot(old)).toMatchObject({ cardId: 'c', version: 1, suspended: false, leech: false })
    expect(stateFromSnapshot('null')).toBeNull()
  })
})
