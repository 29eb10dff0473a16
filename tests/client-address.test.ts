import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from 'node:http'
import { normalizeForwardingHeaders, parseTrustedProxies, resolveClientAddress } from '../scripts/client-address.mjs'

describe('resolveClientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted (the default)', () => {
    expect(resolveClientAddress('198.51.100.9', '203.0.113.1', parseTrustedProxies(''))).toBe('198.51.100.9')
    expect(resolveClientAddress('::ffff:198.51.100.9', '203.0.113.1', null)).toBe('198.51.100.9')
  })

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(resolveClientAddress('198.51.100.9', '203.0.113.1', parseTrustedProxies('10.0.0.0/8'))).toBe('198.51.100.9')
  })

  it('takes the first untrusted hop from the right behind trusted proxies, whatever the client wrote to its left', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, ::1')
    expect(resolveClientAddress('10.0.0.2', '203.0.113.1', trusted)).toBe('203.0.113.1')
    expect(resolveClientAddress('10.0.0.2', '1.2.3.4, 203.0.113.1, 10.0.0.7', trusted)).toBe('203.0.113.1')
    expect(resolveClientAddress('::1', 'garbage, 203.0.113.1', trusted)).toBe('203.0.113.1')
    expect(resolveClientAddress('10.0.0.2', 'not-an-ip', trusted)).toBe('10.0.0.2')
    expect(resolveClientAddress('10.0.0.2', undefined, trusted)).toBe('10.0.0.2')
    expect(resolveClientAddress('10.0.0.2', '10.0.0.3', trusted)).toBe('10.0.0.3') // only proxies: the farthest
  })

  it('refuses a setting it cannot read, naming the entry', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/)
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/"proxy.example"/)
  })
})

describe('normalizeForwardingHeaders', () => {
  const request = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage

  it('leaves one address in X-Forwarded-For and drops forwarding headers an untrusted client sent', () => {
    const req = request('198.51.100.9', { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https', 'x-real-ip': '1.1.1.1', host: 'h' })
    normalizeForwardingHeaders(req, null)
    expect(req.headers).toEqual({ 'x-forwarded-for': '198.51.100.9', host: 'h' })
  })

  it('keeps what a trusted proxy says', () => {
    const req = request('10.0.0.2', { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' })
    normalizeForwardingHeaders(req, parseTrustedProxies('10.0.0.2'))
    expect(req.headers).toEqual({ 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' })
  })
})
