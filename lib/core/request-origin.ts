/**
 * Whether a browser sent a request from one of our pages. Browsers name the page's origin on every POST (Origin)
 * and say how it relates to the target (Sec-Fetch-Site); a request with neither comes from a program (curl, the
 * tests), which carries no one else's cookies, so there is nothing to forge and it is let through. Our origin is
 * the deployment's public one (BETTER_AUTH_URL) when it is set, else the Host the request arrived with.
 */
export function isOwnOrigin(headers: Headers, publicOrigin: string | null): boolean {
  const origin = headers.get('origin')
  const site = headers.get('sec-fetch-site')
  if (origin === null) return site === null || site === 'same-origin' || site === 'none'
  if (publicOrigin) return origin === publicOrigin
  // The host alone, as Next's own check of actions: behind a proxy that ends TLS the scheme we see may differ.
  try {
    return new URL(origin).host === headers.get('host')
  } catch {
    return false // "null" (a sandboxed page, a file) or garbage
  }
}

/** The origin of a deployment's public URL (BETTER_AUTH_URL), or null when there is none or it is not a URL. */
export function originOf(url: string | undefined): string | null {
  try {
    return url?.trim() ? new URL(url.trim()).origin : null
  } catch {
    return null
  }
}
