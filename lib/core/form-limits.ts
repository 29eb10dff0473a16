/**
 * The numbers a form shows (its defaults, its fields' bounds) and its schema checks, written once. No zod here: the
 * browser loads this module with the forms, and zod (about 95 KB compressed) stays on the server, where the schemas
 * (./quiz.ts, ./settings.ts, ./talk.ts) check what was sent.
 */

/** The most cards one quiz asks: a long talk's worth, and what one page of the quiz carries comfortably. */
export const MAX_QUIZ_CARDS = 200
export const DEFAULT_QUIZ_CARDS = 20
export const DEFAULT_WEAKEST_CLAIMS = 10

/** Above this desired retention the settings page warns of the workload (each step up costs many more reviews). */
export const RETENTION_WARNING_ABOVE = 0.95

/** The most minutes a day a talk may ask for: a long day's study. */
export const MAX_TALK_MINUTES = 600
