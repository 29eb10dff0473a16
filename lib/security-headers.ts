/**
 * The Content-Security-Policy of every page (set by proxy.ts with a fresh nonce per request): scripts only from
 * this site and only the ones Next renders with the nonce; nothing may frame the pages. Styles may be inline
 * because React's `style` attributes are (a nonce cannot cover attributes); they cannot run code.
 */
export function contentSecurityPolicy(nonce: string, { development, https }: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load are allowed, a URL allowlist is not needed; eval only in dev.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (/sw.js, issue #37) and the web app manifest come from this site only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** Two years, as browsers' preload lists ask; sent only over HTTPS (browsers ignore it over HTTP anyway). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/**
 * Headers every page sends besides its policy (issue #32): no other window keeps a handle on ours (a page opened by
 * another site cannot reach back into it through window.opener), and no page may ask for the camera, the
 * microphone or the location, which the app never needs.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
}
