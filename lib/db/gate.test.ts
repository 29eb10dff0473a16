import { describe, expect, it } from 'vitest'
import { Gate } from './gate'

describe('Gate', () => {
  it('runs work at once when free, and after the holder when held', async () => {
    const gate = new Gate()
    const order: string[] = []
    expect(gate.runSync(() => 'now')).toBe('now')
    const release = await gate.acquire()
    const waiting = gate.runSync(() => order.push('second'))
    expect(waiting).toBeInstanceOf(Promise) // held: it must wait
    order.push('first')
    release()
    await waiting
    expect(order).toEqual(['first', 'second'])
    expect(gate.runSync(() => 'free again')).toBe('free again')
  })

  it('never lets two holders overlap', async () => {
    const gate = new Gate()
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gate.run(async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((r) => setTimeout(r, i % 3))
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
  })
})
