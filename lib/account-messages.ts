/**
 * What only the auth API answers (never a form), in English like the other JSON errors (for developers). The
 * fields' own messages are catalogue keys (lib/core/account-fields.ts, messages/*.json).
 */
export const accountMessages = {
  imageRefused: 'A profile image cannot be set',
  deleteNeedsPassword: 'Deleting an account needs its password.',
  deleteByLinkOff: 'Accounts are deleted with their password, not by a link.',
  /** "Too many attempts. Try again in 42 seconds." */
  tooManyAttempts(retryAfterSeconds: number): string {
    const minutes = Math.ceil(retryAfterSeconds / 60)
    const when = retryAfterSeconds < 90 ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : `${minutes} minutes`
    return `Too many attempts. Try again in ${when}.`
  },
} as const
