/**
 * The better-auth endpoints the app serves over HTTP, and nothing else (issue #32). better-auth mounts ~30 routes
 * (email verification, password-reset links, social sign-in, account linking, password verification …); the app
 * sends no email and has no social sign-in, so those only widen what an attacker can reach: `GET /verify-email?
 * callbackURL=/.//evil.example` redirected off the site without a session. An allow-list rather than better-auth's
 * `disabledPaths`, so an endpoint a later better-auth adds stays off until someone decides to serve it.
 */
const SERVED: Record<string, ReadonlySet<string>> = {
  GET: new Set(['/get-session', '/list-sessions', '/ok']),
  POST: new Set([
    '/sign-up/email',
    '/sign-in/email',
    '/sign-out',
    '/get-session',
    '/change-password',
    '/delete-user',
    '/update-user',
    '/revoke-session',
    '/revoke-sessions',
    '/revoke-other-sessions',
  ]),
}

/** Whether `method` on `pathname` (the full path, /api/auth/…) is one the app serves. */
export function isServedAuthRoute(method: string, pathname: string): boolean {
  const prefix = '/api/auth'
  if (!pathname.startsWith(`${prefix}/`)) return false
  return SERVED[method]?.has(pathname.slice(prefix.length)) ?? false
}

/** The fields better-auth reads as a place to send the browser (its origin check reads the same four). */
export const REDIRECT_FIELDS = ['callbackURL', 'redirectTo', 'errorCallbackURL', 'newUserCallbackURL'] as const
