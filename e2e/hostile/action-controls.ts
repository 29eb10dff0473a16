/**
 * The access matrix's positive control (issue #32): each of its server actions called once, well formed, by a person
 * with the right to, as a page's form calls it (./probe.ts `actionCall`). Each must do what it is for — a probe that
 * could not reach an action's fields (the old probe sent part "0" first) fails here instead of passing as "refused".
 */
import { randomUUID } from 'node:crypto'
import { actionCall, BASE, cookieHeader, send, STATEFUL_ACTIONS, type Answer } from './probe'

export type Owner = { id: string; email: string; password: string; name: string; cookie: string }

/** What a well-formed call of one action must answer: a redirect matching `redirect`, or a success state. */
type Expectation = { redirect: RegExp } | { success: true }

const TALK_SECTION = 'sutskever-2023-11/01'
const farAhead = () => new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)

function call(owner: Owner, key: string, fields: Record<string, string | string[]>, page: string): Promise<Answer> {
  return send(actionCall(actionIdOf(key), fields, { page, headers: { ...cookieHeader(owner.cookie), Origin: BASE }, stateful: STATEFUL_ACTIONS.has(key) }))
}

let ids: Map<string, string> | undefined
let actionIdOf: (key: string) => string = () => {
  throw new Error('useActionIds first')
}
/** The build's action ids, as e2e/hostile/probe.ts `actionIds` reads them. */
export function useActionIds(map: Map<string, string>) {
  ids = map
  actionIdOf = (key) => ids!.get(key) ?? `missing:${key}`
}

/** Whether `answer` is what `expectation` asks; a reason when it is not. */
export function problemWith(answer: Answer, expectation: Expectation): string | null {
  if (answer.status >= 400) return `answered ${answer.status}: ${answer.text.slice(0, 200)}`
  if (answer.text.includes('"status":"error"')) return `answered an error state: ${answer.text.slice(0, 300)}`
  if ('redirect' in expectation) return expectation.redirect.test(answer.redirect ?? '') ? null : `redirected to ${answer.redirect ?? '(nowhere)'}, not ${expectation.redirect}`
  return answer.text.includes('"status":"success"') ? null : `no success state in ${answer.text.slice(0, 300)}`
}

/** Every field of the settings form, as it posts them. */
export const SETTINGS_FORM: Record<string, string> = {
  timeZone: 'Europe/Berlin',
  rolloverHour: '5',
  displayLanguage: 'both',
  interfaceLanguage: 'en',
  newPerDay: '7',
  maxReviewsPerDay: '150',
  desiredRetention: '0.88',
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  maximumInterval: '3650',
  burySiblings: 'on',
  leechThreshold: '8',
  newCardOrder: 'deck',
}

const QUIZ_PATH = /^\/quiz\/[0-9a-f-]{36}$/
const TALK_PATH = /^\/talks\/[0-9a-f-]{36}$/

/** Starts a quiz for `owner` through the form, and answers its first card "Again" (so it has a missed card). */
export async function startQuizFor(owner: Owner): Promise<{ answer: Answer; quizId: string }> {
  const answer = await call(owner, 'app/actions/quiz.ts#startQuiz', { scope: 'all', length: '3', order: 'deck' }, '/quiz')
  const quizId = answer.redirect?.split('/').pop() ?? ''
  const view = await send({ method: 'GET', path: `/api/quiz/${quizId}`, headers: cookieHeader(owner.cookie) })
  if (view.status === 200) {
    const card = (JSON.parse(view.text) as { cards: { cardId: string; version: number; position: number }[] }).cards[0]!
    const body = { quizId, position: card.position, reviewId: randomUUID(), cardId: card.cardId, rating: 1, version: card.version, durationMs: 1500 }
    await send({ method: 'POST', path: '/api/quiz/answers', headers: { 'Content-Type': 'application/json', Origin: BASE, ...cookieHeader(owner.cookie) }, body: JSON.stringify(body) })
  }
  return { answer, quizId }
}

/** Saves a talk for `owner` through the form. */
export async function saveTalkFor(owner: Owner, title = 'My talk'): Promise<{ answer: Answer; talkId: string }> {
  const answer = await call(owner, 'app/actions/talks.ts#saveTalk', { title, date: farAhead(), sections: [TALK_SECTION] }, '/talks')
  return { answer, talkId: answer.redirect?.split('/').pop() ?? '' }
}

/**
 * Runs every control in an order that lets each one work (a quiz before it is dropped, a change before its undo,
 * the sign-out last) and returns what happened to each action. `owner` ends signed out; `leaver` ends deleted.
 */
export async function runActionControls(owner: Owner, leaver: Owner, cardId: string): Promise<{ key: string; problem: string | null }[]> {
  const results: { key: string; problem: string | null }[] = []
  const check = (key: string, answer: Answer, expectation: Expectation) => results.push({ key: `action ${key}`, problem: problemWith(answer, expectation) })

  const email = `control-${randomUUID().slice(0, 8)}@example.test`
  check('app/actions/auth.ts#signUp', await call(owner, 'app/actions/auth.ts#signUp', { name: 'Control', email, password: 'a quite long unusual passphrase 42', timeZone: 'Europe/Berlin', next: '/deck' }, '/sign-up'), { redirect: /^\/deck$/ })
  check('app/actions/auth.ts#signIn', await call(owner, 'app/actions/auth.ts#signIn', { email: owner.email, password: owner.password, next: '/settings' }, '/sign-in'), { redirect: /^\/settings$/ })
  check('app/actions/settings.ts#updateSettings', await call(owner, 'app/actions/settings.ts#updateSettings', SETTINGS_FORM, '/settings'), { success: true })
  // Optimize with a handful of answers: a success state that says how many more are needed (nothing is fitted).
  check('app/actions/fsrs-parameters.ts#fsrsParametersAction', await call(owner, 'app/actions/fsrs-parameters.ts#fsrsParametersAction', { op: 'optimize' }, '/settings'), { success: true })

  const started = await startQuizFor(owner)
  check('app/actions/quiz.ts#startQuiz', started.answer, { redirect: QUIZ_PATH })
  // The first card was answered "Again": a quiz of the missed cards starts.
  check('app/actions/quiz.ts#quizMissedAgain', await call(owner, 'app/actions/quiz.ts#quizMissedAgain', { quizId: started.quizId }, `/quiz/${started.quizId}`), { redirect: QUIZ_PATH })
  check('app/actions/quiz.ts#quizSection', await call(owner, 'app/actions/quiz.ts#quizSection', { scope: 'sections', sections: TALK_SECTION, length: '3', order: 'deck' }, '/sections/01'), { redirect: QUIZ_PATH })
  const dropped = await call(owner, 'app/actions/quiz.ts#dropQuiz', { quizId: started.quizId }, `/quiz/${started.quizId}`)
  const gone = await send({ method: 'GET', path: `/api/quiz/${started.quizId}`, headers: cookieHeader(owner.cookie) })
  check('app/actions/quiz.ts#dropQuiz', gone.status === 404 ? dropped : { ...dropped, redirect: `(the quiz is still there: ${gone.status})` }, { redirect: /^\/quiz$/ })

  const changed = await call(owner, 'app/actions/browse.ts#changeCards', { op: 'suspend', batch: randomUUID(), back: '/browse', card: `${cardId}:0` }, '/browse')
  check('app/actions/browse.ts#changeCards', changed, { redirect: /[?&]done=suspend\b.*\bundo=/ })
  const undoId = new URL(changed.redirect ?? '/', BASE).searchParams.get('undo') ?? ''
  check('app/actions/browse.ts#undoLast', await call(owner, 'app/actions/browse.ts#undoLast', { expect: undoId, back: '/browse' }, '/browse'), { redirect: /[?&]undone=yes\b/ })

  const saved = await saveTalkFor(owner)
  check('app/actions/talks.ts#saveTalk', saved.answer, { redirect: TALK_PATH })
  check('app/actions/quiz.ts#quizTalk', await call(owner, 'app/actions/quiz.ts#quizTalk', { talkId: saved.talkId }, `/talks/${saved.talkId}`), { redirect: QUIZ_PATH })
  const deleted = await call(owner, 'app/actions/talks.ts#deleteTalk', { talkId: saved.talkId }, `/talks/${saved.talkId}`)
  const talkGone = await send({ method: 'GET', path: `/talks/${saved.talkId}`, headers: cookieHeader(owner.cookie) })
  check('app/actions/talks.ts#deleteTalk', talkGone.status === 404 ? deleted : { ...deleted, redirect: `(the talk is still there: ${talkGone.status})` }, { redirect: /^\/talks$/ })

  const newPassword = 'another quite long passphrase 43'
  check('app/actions/auth.ts#changePassword', await call(owner, 'app/actions/auth.ts#changePassword', { currentPassword: owner.password, newPassword, confirmPassword: newPassword }, '/account'), { success: true })
  check('app/actions/auth.ts#deleteAccount', await call(leaver, 'app/actions/auth.ts#deleteAccount', { password: leaver.password, confirm: 'delete' }, '/account'), { redirect: /^\/sign-up\?deleted=1$/ })
  const signedOut = await call(owner, 'app/actions/auth.ts#signOut', {}, '/')
  const session = await send({ method: 'GET', path: '/api/auth/get-session', headers: cookieHeader(owner.cookie) })
  check('app/actions/auth.ts#signOut', session.text === 'null' ? signedOut : { ...signedOut, redirect: `(still signed in: ${session.text.slice(0, 80)})` }, { redirect: /^\/sign-in$/ })
  return results
}

/**
 * The reader's routes (issue #38; JSON routes, not actions), each called once well formed by a signed-in person:
 * the areas of section 01 come back, and reaching its first passage keeps the place.
 */
export async function runReadingControls(owner: Owner): Promise<{ key: string; problem: string | null }[]> {
  const headers = { ...cookieHeader(owner.cookie), Origin: BASE }
  const areas = await send({ method: 'GET', path: '/api/reading?section=01', headers })
  const reached = await send({ method: 'POST', path: '/api/reading', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ deckId: 'sutskever-2023-11', sectionId: '01', passage: 0 }) })
  return [
    { key: 'GET /api/reading', problem: areas.status === 200 && areas.text.includes('"areas":[{') ? null : `answered ${areas.status}: ${areas.text.slice(0, 200)}` },
    { key: 'POST /api/reading', problem: reached.status === 200 && reached.text.includes('"place":"kept"') ? null : `answered ${reached.status}: ${reached.text.slice(0, 200)}` },
  ]
}

/**
 * The restore route's positive control: a well-formed account file (fresh ids, a real card) sent by a person without
 * progress is previewed as ready, then restored, and its answer is in their export — so the access matrix's and the
 * fuzz's refusals of the same route are refusals of a route that works.
 */
export async function runRestoreControl(owner: Owner, cardId: string): Promise<string | null> {
  const { accountFile } = await import('./fuzz-inputs')
  const logId = randomUUID()
  const body = JSON.stringify(accountFile({ logId, cardId, quizId: randomUUID(), talkId: randomUUID() }))
  const headers = { 'Content-Type': 'application/octet-stream', Origin: BASE, ...cookieHeader(owner.cookie) }
  const preview = await send({ method: 'POST', path: '/api/account/restore?preview=1', headers, body })
  if (preview.status !== 200 || !preview.text.includes('"outcome":"ready"')) return `preview answered ${preview.status}: ${preview.text.slice(0, 300)}`
  const restored = await send({ method: 'POST', path: '/api/account/restore', headers, body })
  if (restored.status !== 200 || !restored.text.includes('"outcome":"restored"')) return `restore answered ${restored.status}: ${restored.text.slice(0, 300)}`
  const exported = await send({ method: 'GET', path: '/api/export', headers: cookieHeader(owner.cookie) })
  return exported.text.includes(logId) ? null : 'the restored answer is not in the export'
}
