/**
 * Where to go after signing in: `next` is used only when it is plainly a page of this site, else the home page.
 * Browsers forgive a lot in a URL (they drop tabs and newlines, read `\` as `/`, `//host` leaves the site, and
 * `/.//host` or `/x/..//host` resolve to `//host`), so instead of listing the tricks this accepts only the shape our
 * own links have (one `/`, then printable ASCII with no backslash and no encoded slash or backslash), then decides on
 * the URL the browser will resolve it to: same origin, a path under one of the app's pages, no `//` anywhere in it.
 * What it returns is that resolved path, so what was checked is what the browser is sent to.
 * @example safeNext('/sections/01?x=1') === '/sections/01?x=1'; safeNext('/.//evil.example') === '/'
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/'
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(next) || next.includes('\\') || /%(2f|5c)/i.test(next)) return '/'
  const base = 'http://keyclaims.invalid'
  let url: URL
  try {
    url = new URL(next, base)
  } catch {
    return '/'
  }
  if (url.origin !== base || url.pathname.includes('//') || !PAGE_SECTIONS.has(url.pathname.split('/')[1]!)) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

/** The first path segment of every page under app/ ('' is the home page); tests/next-path-pages.test.ts keeps it so. */
export const PAGE_SECTIONS: ReadonlySet<string> = new Set([
  '',
  'account',
  'browse',
  'deck',
  'progress',
  'quiz',
  'read',
  'review',
  'sections',
  'settings',
  'sign-in',
  'sign-up',
  'statistics',
  'talks',
])
