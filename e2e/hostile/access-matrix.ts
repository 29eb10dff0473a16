/**
 * The access matrix: one row per route method, server action and page of the app. Every row is run by each kind of
 * caller — another person (signed in, sending the victim's ids), no session, a forged cookie, an expired session,
 * a signed-out (revoked) session — and must leak nothing of the victim, write nothing of the victim's, never answer
 * 5xx, and refuse callers without a live session as `signedOut` says.
 *
 * A new route, action or page fails e2e/hostile-input.spec.ts until it has a row here: its key is "<METHOD>
 * /<folder under app/>" for a route.ts export, "action app/actions/<file>.ts#<export>" for an action, "page
 * /<folder>" for a page.tsx. Give its probes the victim's ids wherever it takes an id (ctx.victim…), and add a fuzz
 * target in ./fuzz-inputs.ts.
 */
import { randomUUID } from 'node:crypto'
import { actionCall, STATEFUL_ACTIONS, type Probe } from './probe'
import { SETTINGS_FORM } from './action-controls'
import { accountFile } from './fuzz-inputs'

export type Caller = 'another-person' | 'no-session' | 'forged-cookie' | 'expired-session' | 'revoked-session'
export const CALLERS: Caller[] = ['another-person', 'no-session', 'forged-cookie', 'expired-session', 'revoked-session']

export type MatrixContext = {
  victim: { id: string; email: string; password: string; cookie: string; reviewId: string; cardId: string; sessionToken: string; quizId: string; talkId: string }
  /** Headers that make a request come from `caller` (its cookie, and for an expired session the test clock). */
  as(caller: Caller): Record<string, string>
  actionId(key: string): string
}

export type MatrixRow = {
  key: string
  /** Requests of this row as `caller`: the victim's ids wherever the route or action takes one. */
  probes?: (ctx: MatrixContext, caller: Caller) => Probe[]
  /**
   * What a caller without a live session must get: statuses (401 for the JSON routes, a redirect to sign in for
   * private pages), or 'any' for what anyone may see. "Expired" counts for the routes that read the test clock
   * (the JSON routes check a session's expiry themselves); better-auth checks it by the real clock elsewhere.
   */
  signedOut: number[] | 'any'
  readsTestClock?: boolean
  /** Ends the caller's session: run after the other rows. */
  endsSession?: boolean
  /** Why this row is not probed. */
  skip?: string
}

const json = (ctx: MatrixContext, caller: Caller, path: string, body: unknown): Probe => ({
  method: 'POST',
  path,
  headers: { 'Content-Type': 'application/json', ...ctx.as(caller) },
  body: JSON.stringify(body),
})
const get = (ctx: MatrixContext, caller: Caller, path: string): Probe => ({ method: 'GET', path, headers: ctx.as(caller) })
const action = (ctx: MatrixContext, caller: Caller, key: string, fields: Record<string, string>, page = '/'): Probe =>
  actionCall(ctx.actionId(key), { ...fields, userId: ctx.victim.id }, { page, headers: ctx.as(caller), stateful: STATEFUL_ACTIONS.has(key.replace(/^action /, '')) })
const page = (path: string, signedOut: number[] | 'any'): MatrixRow => ({
  key: `page ${path}`,
  signedOut,
  probes: (ctx, caller) => [get(ctx, caller, `${path.replace('[id]', '01')}?userId=${ctx.victim.id}`)],
})

const PRIVATE_PAGE = [307]
const STRONG_PASSWORD = 'a quite long unusual passphrase 42'

export const ACCESS_MATRIX: MatrixRow[] = [
  { key: 'GET /api/health', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, '/api/health')] },
  { key: 'GET /api/ready', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, '/api/ready')] },
  { key: 'GET /api/queue', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/queue?limit=50&userId=${ctx.victim.id}`)] },
  { key: 'GET /api/offline-day', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/offline-day?userId=${ctx.victim.id}`)] },
  {
    key: 'POST /api/reviews',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [
      // The victim's review id, as the victim answered it (a replay would hand back their card's state) and otherwise.
      json(ctx, c, '/api/reviews', { reviewId: ctx.victim.reviewId, cardId: ctx.victim.cardId, rating: 3, version: 0, durationMs: 1000 }),
      json(ctx, c, '/api/reviews', { reviewId: ctx.victim.reviewId, cardId: ctx.victim.cardId, rating: 1, version: 1, durationMs: 1000 }),
      // The victim's card at the victim's version: stale for anyone else, with their own state, not the victim's.
      json(ctx, c, '/api/reviews', { reviewId: randomUUID(), cardId: ctx.victim.cardId, rating: 3, version: 1, durationMs: 1000, userId: ctx.victim.id }),
    ],
  },
  { key: 'GET /api/export', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/export?userId=${ctx.victim.id}`), get(ctx, c, `/api/export?gzip=1&userId=${ctx.victim.id}`)] },
  { key: 'GET /api/export/anki', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/export/anki?lang=both&userId=${ctx.victim.id}`)] },
  {
    key: 'GET /api/export/anki-package',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [get(ctx, c, `/api/export/anki-package?lang=en&userId=${ctx.victim.id}`), get(ctx, c, `/api/export/anki-package?userId=${ctx.victim.id}`)],
  },
  {
    key: 'GET /api/export/review-log',
    signedOut: [401],
    readsTestClock: true,
    // With the victim's id (refused: the download takes no parameters) and without (the caller's own answers only).
    probes: (ctx, c) => [get(ctx, c, `/api/export/review-log?userId=${ctx.victim.id}`), get(ctx, c, '/api/export/review-log')],
  },
  {
    key: 'POST /api/account/restore',
    signedOut: [401],
    readsTestClock: true,
    // A file holding the victim's review, quiz and talk ids: previewed and restored, it is refused without saying whose.
    probes: (ctx, c) =>
      ['/api/account/restore?preview=1', `/api/account/restore?userId=${ctx.victim.id}`].map((path) => ({
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/octet-stream', ...ctx.as(c) },
        body: JSON.stringify(accountFile({ logId: ctx.victim.reviewId, cardId: ctx.victim.cardId, quizId: ctx.victim.quizId, talkId: ctx.victim.talkId })),
      })),
  },
  { key: 'POST /api/test/users', signedOut: 'any', skip: 'test-only: 404 unless the server runs the test clock (npm start refuses it), and then it makes fresh users by design' },
  {
    key: 'GET /api/auth/[...all]',
    signedOut: 'any',
    probes: (ctx, c) => [get(ctx, c, `/api/auth/get-session?userId=${ctx.victim.id}`), get(ctx, c, `/api/auth/list-sessions?userId=${ctx.victim.id}`)],
  },
  {
    key: 'POST /api/auth/[...all]',
    signedOut: 'any',
    probes: (ctx, c) => [
      json(ctx, c, '/api/auth/revoke-session', { token: ctx.victim.sessionToken }),
      json(ctx, c, '/api/auth/revoke-sessions', { userId: ctx.victim.id }),
      json(ctx, c, '/api/auth/update-user', { name: 'Renamed by someone else', userId: ctx.victim.id }),
      json(ctx, c, '/api/auth/change-password', { currentPassword: ctx.victim.password, newPassword: STRONG_PASSWORD, userId: ctx.victim.id }),
      json(ctx, c, '/api/auth/delete-user', { password: ctx.victim.password, userId: ctx.victim.id }),
      json(ctx, c, '/api/auth/change-email', { newEmail: `other-${randomUUID().slice(0, 6)}@example.test`, userId: ctx.victim.id }),
    ],
  },
  {
    key: 'action app/actions/settings.ts#updateSettings',
    signedOut: 'any',
    probes: (ctx, c) => [action(ctx, c, 'app/actions/settings.ts#updateSettings', SETTINGS_FORM, '/settings')],
  },
  // The FSRS panel's one action (issue #35): each operation by someone else acts on their own parameters only.
  {
    key: 'action app/actions/fsrs-parameters.ts#fsrsParametersAction',
    signedOut: 'any',
    probes: (ctx, c) =>
      (['optimize', 'status', 'cancel', 'reset', 'restore'] as const).map((op) => action(ctx, c, 'app/actions/fsrs-parameters.ts#fsrsParametersAction', { op }, '/settings')),
  },
  {
    key: 'action app/actions/auth.ts#changePassword',
    signedOut: 'any',
    probes: (ctx, c) => [action(ctx, c, 'app/actions/auth.ts#changePassword', { currentPassword: ctx.victim.password, newPassword: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD }, '/account')],
  },
  {
    key: 'action app/actions/auth.ts#deleteAccount',
    signedOut: 'any',
    probes: (ctx, c) => [action(ctx, c, 'app/actions/auth.ts#deleteAccount', { password: ctx.victim.password, confirm: 'delete' }, '/account')],
  },
  {
    key: 'action app/actions/auth.ts#signIn',
    signedOut: 'any',
    probes: (ctx, c) => [action(ctx, c, 'app/actions/auth.ts#signIn', { email: ctx.victim.email, password: 'not the right password' }, '/sign-in')],
  },
  {
    key: 'action app/actions/auth.ts#signUp',
    signedOut: 'any',
    probes: (ctx, c) => [action(ctx, c, 'app/actions/auth.ts#signUp', { name: 'Someone Else', email: ctx.victim.email, password: STRONG_PASSWORD }, '/sign-up')],
  },
  { key: 'action app/actions/auth.ts#signOut', signedOut: 'any', endsSession: true, probes: (ctx, c) => [action(ctx, c, 'app/actions/auth.ts#signOut', {})] },
  {
    key: 'POST /api/study-more',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [json(ctx, c, '/api/study-more', { kind: 'new', count: 5, userId: ctx.victim.id })],
  },
  {
    key: 'POST /api/study-ops',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [
      // Undo takes back the caller's own newest answer, never the victim's (the victim answered today).
      json(ctx, c, '/api/study-ops', { op: 'undo', expect: ctx.victim.reviewId }),
      json(ctx, c, '/api/study-ops', { op: 'bury', id: randomUUID(), cardId: ctx.victim.cardId, version: 1 }),
      json(ctx, c, '/api/study-ops', { op: 'suspend', id: randomUUID(), cardId: ctx.victim.cardId, version: 1 }),
      json(ctx, c, '/api/study-ops', { op: 'resume', id: ctx.victim.reviewId, cardId: ctx.victim.cardId, version: 1 }),
      json(ctx, c, '/api/study-ops', { op: 'reset', id: randomUUID(), cardId: ctx.victim.cardId, version: 1 }),
      json(ctx, c, '/api/study-ops', { op: 'unbury', id: randomUUID(), cardId: ctx.victim.cardId, version: 1 }),
    ],
  },
  // Quizzes and talks: the victim's real ids (made through the forms first); for anyone else they answer 404.
  { key: 'GET /api/quiz/[id]', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/quiz/${ctx.victim.quizId}?userId=${ctx.victim.id}`)] },
  {
    key: 'POST /api/quiz/answers',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [json(ctx, c, '/api/quiz/answers', { quizId: ctx.victim.quizId, position: 1, reviewId: randomUUID(), cardId: ctx.victim.cardId, rating: 3, version: 0, durationMs: 1000, userId: ctx.victim.id })],
  },
  { key: 'action app/actions/quiz.ts#startQuiz', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/quiz.ts#startQuiz', { scope: 'not-a-scope', length: '5' }, '/quiz')] },
  { key: 'action app/actions/quiz.ts#quizMissedAgain', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/quiz.ts#quizMissedAgain', { quizId: ctx.victim.quizId }, '/quiz')] },
  { key: 'action app/actions/quiz.ts#dropQuiz', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/quiz.ts#dropQuiz', { quizId: ctx.victim.quizId }, '/quiz')] },
  { key: 'action app/actions/quiz.ts#quizSection', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/quiz.ts#quizSection', { scope: 'not-a-scope' }, '/sections/01')] },
  // Another person's talk: no quiz is started from it (the talk page is not found for them).
  { key: 'action app/actions/quiz.ts#quizTalk', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/quiz.ts#quizTalk', { talkId: ctx.victim.talkId }, `/talks/${ctx.victim.talkId}`)] },
  page('/progress', 'any'),
  { key: 'page /browse', signedOut: PRIVATE_PAGE, probes: (ctx, c) => [get(ctx, c, `/browse?userId=${ctx.victim.id}&q=a&state=review&sort=due`)] },
  { key: 'page /browse/[cardId]', signedOut: PRIVATE_PAGE, probes: (ctx, c) => [get(ctx, c, `/browse/${encodeURIComponent(ctx.victim.cardId)}?userId=${ctx.victim.id}`)] },
  {
    key: 'action app/actions/browse.ts#changeCards',
    signedOut: 'any',
    probes: (ctx, c) =>
      (['suspend', 'reset', 'unbury'] as const).map((op) =>
        action(ctx, c, 'app/actions/browse.ts#changeCards', { op, batch: randomUUID(), back: '/browse', card: `${ctx.victim.cardId}:1` }, '/browse'),
      ),
  },
  { key: 'action app/actions/browse.ts#undoLast', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/browse.ts#undoLast', { expect: ctx.victim.reviewId, back: '/browse' }, '/browse')] },
  { key: 'page /progress/[claimId]', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, `/progress/no-such-claim?userId=${ctx.victim.id}`)] },
  page('/statistics', PRIVATE_PAGE),
  page('/quiz', PRIVATE_PAGE),
  { key: 'page /quiz/[id]', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, `/quiz/${ctx.victim.quizId}?userId=${ctx.victim.id}`)] },
  // Talks: another person's talk id answers 404, like one that does not exist; a change to one writes nothing.
  page('/talks', PRIVATE_PAGE),
  { key: 'page /talks/[id]', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, `/talks/${ctx.victim.talkId}?userId=${ctx.victim.id}`)] },
  { key: 'page /talks/[id]/summary', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, `/talks/${ctx.victim.talkId}/summary?userId=${ctx.victim.id}`)] },
  {
    key: 'action app/actions/talks.ts#saveTalk',
    signedOut: 'any',
    probes: (ctx, c) => [
      action(ctx, c, 'app/actions/talks.ts#saveTalk', { talkId: ctx.victim.talkId, title: 'Taken over', date: '2099-01-01', sections: 'sutskever-2023-11/01' }, '/talks'),
      action(ctx, c, 'app/actions/talks.ts#saveTalk', { title: 'Mine', date: '2000-01-01', tags: 'history' }, '/talks'),
    ],
  },
  { key: 'action app/actions/talks.ts#deleteTalk', signedOut: 'any', probes: (ctx, c) => [action(ctx, c, 'app/actions/talks.ts#deleteTalk', { talkId: ctx.victim.talkId }, '/talks')] },
  // The reader: the areas and the place are the caller's own (a section id, never a person's); visitors read the text.
  { key: 'GET /api/reading', signedOut: [401], readsTestClock: true, probes: (ctx, c) => [get(ctx, c, `/api/reading?section=01&userId=${ctx.victim.id}`)] },
  {
    key: 'POST /api/reading',
    signedOut: [401],
    readsTestClock: true,
    probes: (ctx, c) => [json(ctx, c, '/api/reading', { deckId: 'sutskever-2023-11', sectionId: '01', passage: 1, userId: ctx.victim.id })],
  },
  page('/read', 'any'),
  { key: 'page /read/[section]', signedOut: 'any', probes: (ctx, c) => [get(ctx, c, `/read/01?userId=${ctx.victim.id}`)] },
  page('/', 'any'),
  page('/deck', 'any'),
  page('/sections/[id]', 'any'),
  page('/sign-in', 'any'),
  page('/sign-up', 'any'),
  page('/review', PRIVATE_PAGE),
  {
    ...page('/settings', PRIVATE_PAGE),
    // Also with "Help me decide" asked for: the caller's own workload is simulated, never the victim's.
    probes: (ctx, c) => [get(ctx, c, `/settings?userId=${ctx.victim.id}`), get(ctx, c, `/settings?decide=1&userId=${ctx.victim.id}`)],
  },
  page('/account', PRIVATE_PAGE),
]
