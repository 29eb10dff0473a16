/**
 * Where to go after signing in: `next` is used only when it is plainly a path on this site, else the home page.
 * Browsers forgive a lot in a URL (they drop tabs and newlines, read `\` as `/`, and `//host` leaves the site), so
 * instead of listing the tricks this accepts only the shape our own links have: one `/`, then printable ASCII with
 * no backslash and no encoded slash or backslash, and the URL parser must agree that it stays on the site.
 * @example safeNext('/sections/01?x=1') === '/sections/01?x=1'; safeNext('/\t/evil.example') === '/'
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
  return url.origin === base ? next : '/'
}
