import { describe, expect, it } from 'vitest'
import { Throttle } from './throttle'

describe('Throttle', () => {
  it('allows `limit` attempts in the window, then says how long to wait', () => {
    const t = new Throttle(3, 60_000)
    for (const at of [0, 1_000, 2_000]) {
      expect(t.retryAfterMs('ada@example.test', at)).toBe(0)
      t.record('ada@example.test', at)
    }
    expect(t.retryAfterMs('ada@example.test', 2_500)).toBe(57_500)
    expect(t.retryAfterMs('bob@example.test', 2_500)).toBe(0) // keys are separate
    expect(t.retryAfterMs('ada@example.test', 60_001)).toBe(0) // the first attempt left the window
  })

  it('forgets a key on reset (a successful sign-in)', () => {
    const t = new Throttle(1, 60_000)
    t.record('k', 0)
    expect(t.retryAfterMs('k', 1)).toBeGreaterThan(0)
    t.reset('k')
    expect(t.retryAfterMs('k', 1)).toBe(0)
  })
})
