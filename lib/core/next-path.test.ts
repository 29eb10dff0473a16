import { describe, expect, it } from 'vitest'
import { safeNext } from './next-path'

describe('safeNext', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    for (const path of ['/', '/settings', '/sections/01', '/review?deck=x&y=%20z', '/deck#claims', '/sections/01?next=%3A'])
      expect(safeNext(path)).toBe(path)
  })

  it.each([
    ['a tab after the slash', '/\t/evil.example'],
    ['a newline after the slash', '/\n/evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a backslash later on', '/a\\..\\\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an encoded slash', '/%2F%2Fevil.example'],
    ['an encoded backslash', '/%5cevil.example'],
    ['a fullwidth solidus', '/\uff0fevil.example'],
    ['a division slash', '/\u2215\u2215evil.example'],
    ['a non-breaking space', '/\u00a0/evil.example'],
    ['a relative path', 'settings'],
    ['an empty string', ''],
    ['a space', '/ /evil.example'],
    ['a dot segment before a second slash', '/.//evil.example'],
    ['a dot-dot segment before a second slash', '/..//evil.example'],
    ['a segment undone before a second slash', '/x/..//evil.example'],
    ['an encoded dot segment before a second slash', '/%2e//evil.example'],
    ['a double slash later on', '/settings//evil.example'],
    ['an API route', '/api/export'],
    ['a build file', '/_next/static/x.js'],
    ['a path the app does not serve', '/evil.example'],
  ])('ignores %s', (_what, next) => {
    expect(safeNext(next)).toBe('/')
  })

  it('answers the path the browser will resolve to, not the string it was given', () => {
    expect(safeNext('/sections/../settings')).toBe('/settings')
    expect(safeNext('/./talks?x=1#a')).toBe('/talks?x=1#a')
  })

  it('ignores anything that is not a string', () => {
    for (const next of [undefined, null, 42, ['/settings'], { toString: () => '/settings' }]) expect(safeNext(next)).toBe('/')
  })
})
