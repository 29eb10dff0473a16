/**
 * Every message the account forms and the auth API show a person, in one place (to move into the next-intl
 * catalogues with the rest of the interface).
 */
export const accountMessages = {
  nameMissing: 'Enter your name',
  nameTooLong: 'At most 100 characters',
  emailMissing: 'Enter your email',
  emailInvalid: 'Enter an email like name@example.com',
  emailTooLong: 'An email has at most 64 characters before the @ and 254 in all',
  passwordTooShort: 'At least 8 characters',
  passwordTooLong: 'At most 128 characters',
  passwordCommon: 'This password is on a list of common passwords that attackers try first. Choose another.',
  passwordMissing: 'Enter your password',
  passwordToDelete: 'Enter your password to confirm',
  imageRefused: 'A profile image cannot be set',
  deleteNeedsPassword: 'Deleting an account needs its password.',
  deleteByLinkOff: 'Accounts are deleted with their password, not by a link.',
  bodyTooLarge: 'The request is too large.',
  /** "Too many attempts. Try again in 42 seconds." */
  tooManyAttempts(retryAfterSeconds: number): string {
    const minutes = Math.ceil(retryAfterSeconds / 60)
    const when = retryAfterSeconds < 90 ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : `${minutes} minutes`
    return `Too many attempts. Try again in ${when}.`
  },
} as const
