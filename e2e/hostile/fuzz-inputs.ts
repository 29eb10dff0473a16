/**
 * The fuzz test's generated bad inputs (fast-check), one arbitrary per target: every JSON route, the auth API,
 * every server action (well encoded with bad fields, and badly encoded), the pages, and bodies over the limits.
 * A new route or action gets a target here (and a row in ./access-matrix.ts); `runs` says how many inputs of a run
 * of `npm test` go to it.
 *
 * Inputs are bad by construction where a good one would write: no email field is ever email-shaped, the fuzz
 * user's session goes only with actions whose form always lacks or breaks a required field, and no request with a
 * session goes to the auth API (where a good name would be saved).
 */
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { ACTION_BODY_MAX_BYTES, JSON_BODY_MAX_BYTES } from '../../lib/core/request-limits'
import { actionCall, BASE, cookieHeader, STATEFUL_ACTIONS, type Probe } from './probe'

export type FuzzContext = {
  /** The fuzz user's signed session cookie (a live session). */
  session: string
  /** A cookie signed with another secret. */
  forged: string
  /** The cookie of a session that was signed out. */
  revoked: string
  /** Action ids by "app/actions/<file>.ts#<export>". */
  actions: Map<string, string>
  /** A real card id, so that some grades reach the card lookup. */
  cardId: string
}

export type FuzzTarget = { name: string; runs: number; probe: (ctx: FuzzContext) => fc.Arbitrary<Probe> }

// ---------- values ----------

/** encodeURIComponent that takes any string: a lone surrogate becomes U+FFFD first (it would throw). */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'))

const EMAIL_SHAPED = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const notEmailShaped = (v: unknown) => !(typeof v === 'string' && EMAIL_SHAPED.test(v.trim()))

const oddStrings = fc.constantFrom(
  '', ' ', '\t\n', '\u0000', '\uFFFF', '\uD800', '💥', '𝕏'.repeat(300), 'a'.repeat(5000), '__proto__', 'constructor', 'prototype',
  'toString', 'hasOwnProperty', '$@0', '$K1', '$Q0', '$h', '$$', '$undefined', 'NaN', 'Infinity', '-0', '1e400', '0x10', '1_000',
  '../../etc/passwd', '%00', '%E0%A4%A', '<script>alert(1)</script>', "' OR 1=1 --", '"; DROP TABLE "user"; --', 'null', 'true',
  'Europe/Nowhere', 'UTC\u0000', 'zh', 'both', 'delete', '删除',
)
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: oddStrings },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
)
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 2, 3, 4, 5, -0, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 86_400_001),
)
const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '')
const key = fc.oneof(protoKey, fc.string({ maxLength: 12 }), fc.constantFrom('reviewId', 'cardId', 'rating', 'version', 'durationMs', 'email', 'password', 'name'))

/** Any JSON value with odd leaves, nested a few levels. */
export const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddString,
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    tie('object'),
  ),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
})).value

/** JSON text with keys JSON.stringify would not write as own properties (`__proto__`), and nesting deeper than any parser should recurse. */
const hostileJsonText = fc.oneof(
  oddValue.map((v) => `{"__proto__":${JSON.stringify(v) ?? 'null'},"constructor":{"prototype":{"polluted":true}}}`),
  fc.integer({ min: 100, max: 4000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 2000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.constantFrom('', '{', '}', '[1,]', '{"a":1,}', 'nul', '\uFEFF{}', '{"a":1}{"b":2}', '1e999999', '"\\ud800"', '\u0000'),
)

/** A body: JSON of an odd value (as an object of a route's field names, or anything), or hostile text. */
const jsonBody = (fields: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f, oddValue])), { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: oddValue.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: hostileJsonText },
  )

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', '', 'application/json;;;', 'text/html') },
)
const origin = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(BASE, 'http://evil.test', 'null', '', 'http://127.0.0.1:1') })

type CookieKind = 'none' | 'session' | 'forged' | 'revoked' | 'garbage'
const cookieOf = (ctx: FuzzContext, kind: CookieKind, garbage: string) =>
  kind === 'none' ? null : kind === 'session' ? ctx.session : kind === 'forged' ? ctx.forged : kind === 'revoked' ? ctx.revoked : encode(garbage)
const anyCookie = fc.constantFrom<CookieKind>('none', 'session', 'forged', 'revoked', 'garbage')
const noLiveCookie = fc.constantFrom<CookieKind>('none', 'forged', 'revoked', 'garbage')

const headersOf = (type: string | undefined, originValue: string | undefined, cookie: Record<string, string>) => ({
  ...(type !== undefined && type !== '' ? { 'Content-Type': type } : {}),
  ...(originValue !== undefined ? { Origin: originValue } : {}),
  ...cookie,
})

const query = fc.dictionary(fc.oneof(protoKey, fc.constantFrom('limit', 'lang', 'next', 'callbackURL', 'token', 'section', 'deck'), fc.string({ maxLength: 8 })), oddString, { maxKeys: 3 }).map((q) => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) params.append(k, v)
  const text = params.toString()
  return text ? `?${text}` : ''
})

// ---------- server actions ----------

/** Each action's fields, and what its form always gets wrong when it is sent with the fuzz user's session. */
const ACTIONS: { key: string; fields: string[]; withSession?: (fields: Record<string, string>) => Record<string, string> }[] = [
  { key: 'app/actions/auth.ts#signUp', fields: ['name', 'email', 'password', 'timeZone', 'next'] },
  { key: 'app/actions/auth.ts#signIn', fields: ['email', 'password', 'next'] },
  { key: 'app/actions/auth.ts#signOut', fields: [] },
  { key: 'app/actions/auth.ts#changePassword', fields: ['currentPassword', 'newPassword', 'confirmPassword'], withSession: ({ confirmPassword: _, ...rest }) => rest },
  { key: 'app/actions/auth.ts#deleteAccount', fields: ['password', 'confirm'], withSession: ({ password: _, ...rest }) => rest },
  { key: 'app/actions/quiz.ts#startQuiz', fields: ['scope', 'sections', 'tags', 'weakest', 'length', 'order', 'coreOnly', 'countAsReviews'], withSession: (f) => ({ ...f, scope: `not-a-scope${f.scope ?? ''}` }) },
  { key: 'app/actions/quiz.ts#quizSection', fields: ['scope', 'sections', 'length'], withSession: (f) => ({ ...f, scope: `not-a-scope${f.scope ?? ''}` }) },
  { key: 'app/actions/quiz.ts#quizMissedAgain', fields: ['quizId'] },
  { key: 'app/actions/quiz.ts#quizTalk', fields: ['talkId'] },
  { key: 'app/actions/browse.ts#changeCards', fields: ['op', 'batch', 'back', 'card'], withSession: (f) => ({ ...f, op: `not-an-op${f.op ?? ''}` }) },
  { key: 'app/actions/browse.ts#undoLast', fields: ['expect', 'back'], withSession: (f) => ({ ...f, expect: `not-a-uuid${f.expect ?? ''}` }) },
  { key: 'app/actions/quiz.ts#dropQuiz', fields: ['quizId'] },
  // With a session, a fuzzed talk always lacks its date (so the fuzz user's talks are not multiplied).
  { key: 'app/actions/talks.ts#saveTalk', fields: ['talkId', 'title', 'date', 'sections', 'tags', 'minutesPerDay'], withSession: ({ date: _, ...rest }) => rest },
  { key: 'app/actions/talks.ts#deleteTalk', fields: ['talkId'] },
  // With a session, a fuzzed operation is never a real one (the fuzz user starts no fit, resets nothing).
  { key: 'app/actions/fsrs-parameters.ts#fsrsParametersAction', fields: ['op'], withSession: (f) => ({ ...f, op: `not-an-op${f.op ?? ''}` }) },
  { key: 'app/actions/settings.ts#updateSettings', fields: ['timeZone', 'rolloverHour', 'displayLanguage', 'newPerDay', 'interfaceLanguage'], withSession: (f) => ({ ...f, timeZone: `Not/A_Zone${f.timeZone ?? ''}` }) },
]
export const ACTION_KEYS = ACTIONS.map((a) => a.key)

const pagePath = fc.constantFrom('/', '/sign-in', '/sign-up', '/settings', '/account', '/review', '/deck', '/sections/01', '/read', '/read/01', '/browse', '/browse/no-such-card', '/api/no-such-route', '/favicon.ico', '/no/such/page')

/** The card browser's own filters, with odd values (its query string is its form). */
const browseQuery = fc.dictionary(fc.constantFrom('q', 'section', 'state', 'tag', 'suspended', 'buried', 'leech', 'sort', 'dir', 'page', 'done', 'changed', 'unchanged', 'stale', 'undo', 'undone', 'invalid'), oddString, { maxKeys: 6 }).map((q) => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) params.append(k, v)
  return `?${params.toString()}`
})

const actionFields = (fields: string[]) =>
  fc.dictionary(fc.oneof({ weight: 4, arbitrary: fields.length ? fc.constantFrom(...fields) : fc.constant('x') }, { weight: 1, arbitrary: fc.oneof(protoKey, fc.string({ maxLength: 10 })) }), oddString.filter(notEmailShaped), { maxKeys: 7 })

const wellEncodedActionCall = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom(...ACTIONS), pagePath, fc.boolean(), noLiveCookie, fc.string(), origin).chain(([action, page, useSession, cookieKind, garbage, originValue]) =>
    actionFields(action.fields).map((fields) => {
      const withSession = useSession && action.withSession
      const sent = withSession ? action.withSession!(fields) : fields
      const cookie = cookieHeader(withSession ? ctx.session : cookieOf(ctx, cookieKind, garbage))
      const call = actionCall(ctx.actions.get(action.key)!, sent, { page, headers: cookie, stateful: STATEFUL_ACTIONS.has(action.key) })
      // Sometimes from another site, or a sandboxed page ("null"), or with no Origin at all.
      if (originValue !== BASE) delete call.headers!.Origin
      if (originValue !== undefined) call.headers!.Origin = originValue
      return call
    }),
  )

/** Argument lists and form parts React's decoder chokes on: every kind of reference, broken JSON, deep nesting. */
const brokenArguments = fc.oneof(
  fc.constantFrom('$@1', '$@0', '$Q1', '$W1', '$T', '$F1', '$h1', '$K', '$Kx', '$K999999', '$B1', '$R1', '$r1', '$X1', '$x1', '$i1', '$D', '$n', '$S', '$l1', '$1', '$-1', '$Infinity', '$NaN', '$-0').map((ref) => JSON.stringify([ref, '$K1'])),
  fc.constantFrom('$@1', '$Q1', '$h1', '$F1', '$T', '$1').map((ref) => JSON.stringify([{ status: 'idle', values: { a: ref } }, '$K1'])),
  hostileJsonText,
  oddValue.map((v) => JSON.stringify(v) ?? ''),
  fc.integer({ min: 9, max: 3000 }).map((n) => JSON.stringify(['['.repeat(n) + ']'.repeat(n), '$K1']).replace(/"\[+\]+"/, '['.repeat(n) + ']'.repeat(n))),
)

const actionId = (ctx: FuzzContext) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.actions.values()) }, { weight: 1, arbitrary: fc.oneof(oddString, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 44 })) })

const brokenScriptCall = (ctx: FuzzContext) =>
  fc.tuple(actionId(ctx), pagePath, brokenArguments, fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '2', '_1_x', '1_x', '$ACTION_REF_1', '$ACTION_1:0')), oddString), { maxLength: 4 }), fc.constantFrom('multipart', 'text', 'urlencoded', 'multipart-bad-boundary', 'none')).map(
    ([id, page, args, parts, encoding]): Probe => {
      const headers: Record<string, string> = { 'Next-Action': id.replace(/[^\x20-\x7e]/g, '') || 'x', Origin: BASE }
      if (encoding === 'multipart') {
        const form = new FormData()
        form.append('0', args)
        for (const [k, v] of parts) form.append(k, v)
        return { method: 'POST', path: page, headers, body: form }
      }
      if (encoding === 'multipart-bad-boundary') return { method: 'POST', path: page, headers: { ...headers, 'Content-Type': 'multipart/form-data; boundary=nope' }, body: `--other\r\n${args}` }
      if (encoding === 'urlencoded') return { method: 'POST', path: page, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['0', args], ...parts]).toString() }
      if (encoding === 'text') return { method: 'POST', path: page, headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, body: args }
      return { method: 'POST', path: page, headers, body: args }
    },
  )

/** Forms posted without script (progressive enhancement) with broken `$ACTION_…` fields. */
const brokenFormPost = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom(...ctx.actions.values()), pagePath, fc.constantFrom('id', 'ref', 'both', 'garbage'), brokenArguments, oddString, fc.array(fc.tuple(fc.oneof(fc.constantFrom('$ACTION_KEY', '$ACTION_1:1', '$ACTION_2:0', '$ACTION_REF_x', '$ACTION_', 'email'), fc.string({ maxLength: 8 })), oddString), { maxLength: 4 })).map(
    ([id, page, shape, args, odd, extra]): Probe => {
      const form = new FormData()
      if (shape === 'id' || shape === 'both') form.append(`$ACTION_ID_${shape === 'id' ? odd.replace(/[^\x20-\x7e]/g, '') : id}`, '')
      if (shape === 'ref' || shape === 'both') {
        form.append('$ACTION_REF_1', '')
        form.append('$ACTION_1:0', `{"id":"${id}","bound":"$@1"}`)
        form.append('$ACTION_1:1', args)
      }
      if (shape === 'garbage') form.append('$ACTION_1:0', args)
      for (const [k, v] of extra) form.append(k, v)
      return { method: 'POST', path: page, headers: { Accept: 'text/html', Origin: BASE }, body: form }
    },
  )

// ---------- bodies over the limits ----------

const bigBody = (bytes: number) => new Uint8Array(bytes).fill(0x61)
const chunked = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 8192) controller.enqueue(bigBody(Math.min(8192, bytes - sent)))
      controller.close()
    },
  })

const oversized = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom('/api/reviews', '/api/auth/sign-up/email', '/', '/sign-in', '/api/no-such-route'), fc.integer({ min: 1, max: 200 * 1024 }), fc.boolean(), fc.constantFrom(...ctx.actions.values())).map(
    ([path, extra, streamed, id]): Probe => {
      const isAction = !path.startsWith('/api/') || path === '/api/no-such-route'
      const bytes = (isAction ? ACTION_BODY_MAX_BYTES : JSON_BODY_MAX_BYTES) + extra
      const headers: Record<string, string> = isAction ? { 'Next-Action': id, 'Content-Type': 'multipart/form-data; boundary=x' } : { 'Content-Type': 'application/json', ...cookieHeader(ctx.session) }
      return { method: 'POST', path, headers, body: streamed ? chunked(bytes) : bigBody(bytes) }
    },
  )

// ---------- the targets ----------

const grade = (ctx: FuzzContext) =>
  fc.tuple(jsonBody(['reviewId', 'cardId', 'rating', 'version', 'durationMs']), fc.boolean(), contentType, origin, anyCookie, fc.string()).map(([body, realCard, type, originValue, cookieKind, garbage]): Probe => ({
    method: 'POST',
    path: '/api/reviews',
    // A real card with an odd field or two: the route must still refuse before it writes.
    body: realCard ? body.replace(/^\{/, `{"cardId":${JSON.stringify(ctx.cardId)},"reviewId":"not-a-uuid",`) : body,
    headers: headersOf(type, originValue, cookieHeader(cookieOf(ctx, cookieKind, garbage))),
  }))

/** Another JSON POST route with its field names: the same odd bodies, content types, origins and cookies. */
const jsonPost = (path: string, fields: string[]) => (ctx: FuzzContext) =>
  fc.tuple(jsonBody(fields), contentType, origin, anyCookie, fc.string()).map(([body, type, originValue, cookieKind, garbage]): Probe => ({
    method: 'POST',
    path,
    body,
    headers: headersOf(type, originValue, cookieHeader(cookieOf(ctx, cookieKind, garbage))),
  }))

const AUTH_POST_PATHS = ['sign-up/email', 'sign-in/email', 'change-password', 'delete-user', 'delete-user/callback', 'update-user', 'sign-out', 'revoke-session', 'revoke-sessions', 'revoke-other-sessions', 'change-email', 'reset-password', 'request-password-reset', 'verify-email', 'send-verification-email', 'get-session', 'no-such-endpoint']
const AUTH_GET_PATHS = ['get-session', 'list-sessions', 'ok', 'error', 'verify-email', 'reset-password/abc', 'delete-user/callback', 'no-such-endpoint', 'sign-out']

const authPost = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom(...AUTH_POST_PATHS), jsonBody(['email', 'password', 'name', 'image', 'newPassword', 'currentPassword', 'token', 'callbackURL', 'rememberMe']), contentType, origin, noLiveCookie, fc.string()).map(
    ([path, body, type, originValue, cookieKind, garbage]): Probe => ({
      method: 'POST',
      path: `/api/auth/${path}`,
      body: body.replace(/("email"\s*:\s*)"([^"@]*@[^"]*)"/g, '$1"$2 is not an email"'), // never email-shaped
      headers: headersOf(type, originValue, cookieHeader(cookieOf(ctx, cookieKind, garbage))),
    }),
  )

const authGet = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom(...AUTH_GET_PATHS), query, anyCookie, fc.string()).map(([path, q, cookieKind, garbage]): Probe => ({ method: 'GET', path: `/api/auth/${path}${q}`, headers: cookieHeader(cookieOf(ctx, cookieKind, garbage)) }))

const jsonGet = (ctx: FuzzContext) =>
  fc.tuple(fc.constantFrom('/api/queue', '/api/offline-day', '/api/export', '/api/export?gzip=1', '/api/export/anki', '/api/export/anki-package', '/api/export/review-log', '/api/health', '/api/ready', '/api/quiz/00000000-0000-4000-8000-000000000000', '/api/quiz/not-an-id', '/api/reading'), query, anyCookie, fc.string(), fc.option(fc.string({ maxLength: 30 }))).map(([path, q, cookieKind, garbage, now]): Probe => ({
    method: 'GET',
    path: path + q,
    headers: { ...cookieHeader(cookieOf(ctx, cookieKind, garbage)), ...(now !== null ? { Cookie: [cookieHeader(cookieOf(ctx, cookieKind, garbage)).Cookie, `kc-test-now=${encode(now)}`].filter(Boolean).join('; ') } : {}) },
  }))

const pageGet = (ctx: FuzzContext) =>
  fc.tuple(fc.oneof(pagePath, oddString.map((s) => `/sections/${encode(s)}`), oddString.map((s) => `/read/${encode(s)}`)), query, anyCookie, fc.string()).map(([path, q, cookieKind, garbage]): Probe => ({ method: 'GET', path: path + q, headers: cookieHeader(cookieOf(ctx, cookieKind, garbage)) }))

const browseGet = (ctx: FuzzContext) =>
  fc.tuple(fc.oneof(fc.constant('/browse'), oddString.map((s) => `/browse/${encode(s)}`)), browseQuery, anyCookie, fc.string()).map(([path, q, cookieKind, garbage]): Probe => ({ method: 'GET', path: path + q, headers: cookieHeader(cookieOf(ctx, cookieKind, garbage)) }))

/**
 * A small account file as GET /api/export writes it (version 2), with one answer and its card's state, a quiz and a
 * talk under the ids given: well formed unless the caller breaks it.
 */
export function accountFile(o: { logId: string; cardId: string; quizId: string; talkId: string; rating?: number }) {
  const at = '2027-03-12T14:00:00.000Z'
  return {
    format: 'keyclaims-export', version: 2, exportedAt: at,
    user: { id: 'someone', name: 'Someone', email: 'someone@example.test' },
    settings: { timeZone: 'UTC', newPerDay: 20 },
    cardStates: [{ cardId: o.cardId, due: at, stability: 2.3, difficulty: 2.1, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: at, version: 1, updatedAt: at, suspended: false, leech: false }],
    reviewLogs: [{
      id: o.logId, cardId: o.cardId, kind: 'review', rating: o.rating ?? 3, state: 0, due: at, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0,
      learningSteps: 0, review: at, studyDay: 20_524, durationMs: 4000, undone: false, stateBefore: null, versionAfter: 1, createdAt: at, sequence: 1,
    }],
    claimsLearned: [],
    talks: [{ id: o.talkId, title: 'Talk', date: '2027-04-01', sections: [], tags: [], minutesPerDay: null, createdAt: at }],
    quizzes: [{ id: o.quizId, options: { scope: 'all', length: 1 }, cardIds: [o.cardId], cardCount: 1, position: 0, countAsReviews: false, startedAt: at, finishedAt: null, talkId: o.talkId, answers: [] }],
  }
}

/** Where a fuzzed account file gets an odd value: a section, a row, a field of a row. */
const FILE_PATHS = [['format'], ['version'], ['user'], ['settings'], ['settings', 'timeZone'], ['cardStates'], ['cardStates', 0], ['cardStates', 0, 'cardId'], ['cardStates', 0, 'due'], ['reviewLogs'], ['reviewLogs', 0, 'kind'], ['reviewLogs', 0, 'stateBefore'], ['reviewLogs', 0, 'sequence'], ['talks', 0, 'sections'], ['quizzes', 0, 'options'], ['quizzes', 0, 'answers'], ['__proto__'], ['extra']] as const

/**
 * The restore route: account files with odd values put in, sometimes gzip-compressed or cut short, hostile JSON, odd
 * content types, origins and cookies. Each file keeps a log entry rated 7 (the rest as the fuzz put it), so none can
 * restore: with the fuzz user's session too, nothing may be written.
 */
const restoreUpload = (ctx: FuzzContext) =>
  fc.tuple(
    fc.array(fc.tuple(fc.constantFrom(...FILE_PATHS), oddValue), { minLength: 0, maxLength: 3 }),
    fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileJsonText }),
    fc.constantFrom('plain', 'gzip', 'gzip-cut', 'cut'),
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom('application/octet-stream', 'application/json', 'application/gzip') }, { weight: 1, arbitrary: contentType }),
    origin,
    anyCookie,
    fc.string(),
    fc.boolean(),
  ).map(([changes, hostile, encoding, type, originValue, cookieKind, garbage, preview]): Probe => {
    const file = accountFile({ logId: 'fuzz-log', cardId: ctx.cardId, quizId: 'fuzz-quiz', talkId: 'fuzz-talk' }) as unknown as Record<string, unknown>
    for (const [path, value] of changes) {
      // An earlier change may have put a plain value where this one goes deeper: then this one is dropped.
      let at: unknown = file
      for (const key of path.slice(0, -1)) at = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[key] : undefined
      if (typeof at === 'object' && at !== null) Object.defineProperty(at, path[path.length - 1]!, { value, enumerable: true, configurable: true, writable: true })
    }
    const logs = Array.isArray(file.reviewLogs) ? file.reviewLogs : []
    file.reviewLogs = [...logs, { ...(accountFile({ logId: 'fuzz-7', cardId: ctx.cardId, quizId: 'q', talkId: 't' }).reviewLogs[0]!), rating: 7, sequence: 2 }]
    const text = hostile ?? JSON.stringify(file)
    const bytes = encoding.startsWith('gzip') ? new Uint8Array(gzipSync(text)) : new TextEncoder().encode(text)
    const body = encoding.endsWith('cut') ? bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))) : bytes
    return { method: 'POST', path: `/api/account/restore${preview ? '?preview=1' : ''}`, body, headers: headersOf(type, originValue, cookieHeader(cookieOf(ctx, cookieKind, garbage))) }
  })

/**
 * 10,700 inputs a run. A well-encoded action call renders its page (~10× a refused one): fewer of those, more of the
 * encodings that reach (or are stopped in front of) the decoder.
 */
export const FUZZ_TARGETS: FuzzTarget[] = [
  { name: 'POST /api/reviews', runs: 1300, probe: grade },
  { name: 'POST /api/study-ops', runs: 300, probe: jsonPost('/api/study-ops', ['op', 'id', 'cardId', 'version', 'expect']) },
  { name: 'POST /api/study-more', runs: 300, probe: jsonPost('/api/study-more', ['kind', 'count']) },
  { name: 'POST /api/quiz/answers', runs: 300, probe: jsonPost('/api/quiz/answers', ['quizId', 'position', 'reviewId', 'cardId', 'rating', 'version', 'durationMs']) },
  { name: 'POST /api/reading', runs: 200, probe: jsonPost('/api/reading', ['deckId', 'sectionId', 'passage']) },
  { name: 'GET /api/queue, /api/offline-day, /api/export, /api/export/anki, /api/export/anki-package, /api/export/review-log, /api/health, /api/ready, /api/quiz/[id], /api/reading', runs: 600, probe: jsonGet },
  { name: 'POST /api/account/restore', runs: 300, probe: restoreUpload },
  { name: 'POST /api/auth/*', runs: 1800, probe: authPost },
  { name: 'GET /api/auth/*', runs: 400, probe: authGet },
  { name: 'server actions, well encoded, bad fields', runs: 900, probe: wellEncodedActionCall },
  { name: 'server actions, broken encodings', runs: 2700, probe: brokenScriptCall },
  { name: 'forms posted without script, broken action fields', runs: 1000, probe: brokenFormPost },
  { name: 'pages with odd paths and queries', runs: 250, probe: pageGet },
  { name: 'GET /browse and /browse/[cardId] with odd filters', runs: 200, probe: browseGet },
  { name: 'bodies over the limits (declared and chunked)', runs: 150, probe: oversized },
]
