import { describe, expect, it } from 'vitest'
import { clientKeyOf, decideCheck, failureWaitMs, withCheck, withFailure, withInFlight, type AuthCounter } from './auth-limits'

const at = (iso: string) => new Date(`2026-12-01T${iso}Z`)

function failuresAt(...times: string[]): AuthCounter | undefined {
  let counter: AuthCounter | undefined
  for (const t of times) counter = withFailure(counter, at(t))
  return counter
}

describe('failures per email and client', () => {
  it('lets 5 failures through, then each further try waits 1 s, 2 s, 4 s … after the last failure', () => {
    const five = failuresAt('10:00:00', '10:00:01', '10:00:02', '10:00:03', '10:00:04')
    expect(failureWaitMs(failuresAt('10:00:00', '10:00:01', '10:00:02', '10:00:03'), at('10:00:04'), 5)).toBe(0)
    expect(failureWaitMs(five, at('10:00:04'), 5)).toBe(1_000)
    expect(failureWaitMs(five, at('10:00:05'), 5)).toBe(0)
    const six = withFailure(five, at('10:00:05'))
    expect(failureWaitMs(six, at('10:00:06.500'), 5)).toBe(500) // 2 s after the 6th
    const seven = withFailure(six, at('10:00:07'))
    expect(failureWaitMs(seven, at('10:00:07'), 5)).toBe(4_000)
  })

  it('never waits more than 5 minutes', () => {
    let counter: AuthCounter | undefined
    for (let i = 0; i < 30; i++) counter = withFailure(counter, at('10:00:00'))
    expect(failureWaitMs(counter, at('10:00:00'), 5)).toBe(300_000)
  })

  it('forgets failures 15 minutes after the last one, not after the first', () => {
    const times = ['10:00:00', '10:00:01', '10:00:02', '10:00:03', '10:10:00']
    expect(failureWaitMs(failuresAt(...times), at('10:24:59'), 5)).toBe(0) // the wait (1 s) is long over…
    expect(withFailure(failuresAt(...times), at('10:24:59')).count).toBe(6) // …but the count is remembered
    expect(withFailure(failuresAt(...times), at('10:25:00')).count).toBe(1) // 15 min of quiet: a fresh start
  })
})

describe('password checks per client address', () => {
  it('allows 30 checks in a minute from the first, then refuses until that minute is over', () => {
    let checks: AuthCounter | undefined
    for (let i = 0; i < 30; i++) {
      expect(decideCheck({ client: checks }, at('10:00:10'))).toEqual({ allowed: true })
      checks = withCheck(checks, at('10:00:10'))
    }
    expect(decideCheck({ client: checks }, at('10:00:40'))).toEqual({ allowed: false, retryAfterMs: 30_000, reason: 'client' })
    expect(decideCheck({ client: checks }, at('10:01:10'))).toEqual({ allowed: true })
    expect(withCheck(checks, at('10:01:10')).count).toBe(1)
  })
})

describe('decideCheck', () => {
  const twelveFailures = failuresAt(...Array.from({ length: 12 }, (_, i) => `10:00:${String(i).padStart(2, '0')}`))

  it('refuses the client that has been failing for this email', () => {
    const pair = failuresAt('10:00:00', '10:00:01', '10:00:02', '10:00:03', '10:00:04')
    expect(decideCheck({ pair, email: pair }, at('10:00:04.250'))).toEqual({ allowed: false, retryAfterMs: 750, reason: 'email' })
  })

  it('lets a client with no failures in while others hammer the same email', () => {
    expect(decideCheck({ email: twelveFailures }, at('10:00:12'))).toEqual({ allowed: true })
  })

  it('slows every failing client once the email has more than 10 failures, even one with few of its own', () => {
    const oneOfMine = failuresAt('10:00:11')
    // 12 failures on the email: 2 past the 10 free, so a failing client waits 4 s after the latest (10:00:11).
    expect(decideCheck({ pair: oneOfMine, email: twelveFailures }, at('10:00:12'))).toEqual({ allowed: false, retryAfterMs: 3_000, reason: 'email' })
    expect(decideCheck({ pair: oneOfMine, email: twelveFailures }, at('10:00:15'))).toEqual({ allowed: true })
  })
})

describe('checks in flight (decision 0019)', () => {
  const tenFailures = failuresAt(...Array.from({ length: 10 }, () => '10:00:00'))

  it('keeps a new client out for a second while an email past its free failures has checks in flight', () => {
    const inFlight = withInFlight(undefined, at('10:00:00'))
    expect(decideCheck({ email: tenFailures, inFlight }, at('10:00:00'))).toEqual({ allowed: false, retryAfterMs: 1_000, reason: 'email' })
  })

  it('lets the new client in once nothing is in flight, or while the email is under its free failures', () => {
    const settled = { ...withInFlight(undefined, at('10:00:00')), count: 0 }
    expect(decideCheck({ email: tenFailures, inFlight: settled }, at('10:00:00'))).toEqual({ allowed: true })
    expect(decideCheck({ email: failuresAt('10:00:00'), inFlight: withInFlight(undefined, at('10:00:00')) }, at('10:00:00'))).toEqual({ allowed: true })
    // A count never settled (the process died mid-check) is forgotten after a minute.
    expect(decideCheck({ email: tenFailures, inFlight: withInFlight(undefined, at('10:00:00')) }, at('10:01:00'))).toEqual({ allowed: true })
  })
})

describe('clientKeyOf', () => {
  it('counts IPv4 addresses one by one and IPv6 by /64', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7')
    expect(clientKeyOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64')
    expect(clientKeyOf('2001:DB8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64')
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64')
  })
})
