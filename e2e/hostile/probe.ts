/**
 * What the hostile-input suite (e2e/hostile-input.spec.ts) sends and reads: raw HTTP to the hostile server (its
 * own production server and SQLite file, e2e/env.ts), server actions called the way React's client calls them, and
 * a digest of every row of the database to prove that nothing was written.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import http from 'node:http'
import Database from 'better-sqlite3'
import { E2E_HOSTILE_BASE_URL, E2E_HOSTILE_DB_PATH } from '../env'

export const BASE = E2E_HOSTILE_BASE_URL

/** `redirect`: where an action sends the browser (Next's x-action-redirect, without its ";push"), or a Location. */
export type Answer = { status: number; text: string; redirect?: string }

export type Probe = {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Uint8Array | FormData | ReadableStream<Uint8Array>
}

/**
 * A body over the limits goes on a connection of its own, closed after the answer: the server answers 413 before it
 * has read such a body, and a keep-alive connection shared with the next probe would be a race of the client's
 * making (the next request written while the server still drops the rest of this body).
 */
function sendAlone(probe: Probe): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(`${BASE}${probe.path}`, { method: probe.method, headers: probe.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', (err) => resolve({ status: 0, text: `connection failed: ${err.message}` }))
    })
    // The server may answer and stop reading before the upload ends: what matters is the answer it gave.
    req.on('error', (err) => resolve({ status: 0, text: `connection failed: ${err.message}` }))
    const body = probe.body
    if (body instanceof ReadableStream) {
      void (async () => {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r))
        req.end()
      })().catch(() => req.destroy())
    } else req.end(body as Uint8Array)
  })
}

const isLarge = (body: Probe['body']) => body instanceof ReadableStream || (body instanceof Uint8Array && body.byteLength > 16 * 1024)

/** Sends one request and reads the whole answer (a dropped connection is a failure of its own). */
export async function send(probe: Probe): Promise<Answer> {
  if (isLarge(probe.body)) return sendAlone(probe)
  const init: RequestInit & { duplex?: 'half' } = { method: probe.method, headers: probe.headers, redirect: 'manual' }
  if (probe.body !== undefined) {
    init.body = probe.body as BodyInit
    if (probe.body instanceof ReadableStream) init.duplex = 'half' // chunked: no Content-Length
  }
  try {
    const res = await fetch(`${BASE}${probe.path}`, init)
    const redirect = res.headers.get('x-action-redirect')?.replace(/;\w+$/, '') ?? res.headers.get('location') ?? undefined
    return { status: res.status, text: await res.text(), redirect }
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? String(err)
    return { status: 0, text: `connection failed: ${cause}` }
  }
}

/** The server's action ids by "file#export", from the build the server runs (.next/server/server-reference-manifest.json). */
export function actionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>
  }
  const ids = new Map<string, string>()
  for (const [id, entry] of Object.entries(manifest.node)) ids.set(`${entry.filename}#${entry.exportedName}`, id)
  return ids
}

/** A cookie header for a signed cookie value (and, optionally, the test clock). */
export function cookieHeader(cookie: string | null, nowIso?: string): Record<string, string> {
  const parts = [cookie ? `better-auth.session_token=${cookie}` : '', nowIso ? `kc-test-now=${encodeURIComponent(nowIso)}` : ''].filter(Boolean)
  return parts.length ? { Cookie: parts.join('; ') } : {}
}

/** The actions the pages call through useActionState: React hands them the previous state first, then the form. */
export const STATEFUL_ACTIONS: ReadonlySet<string> = new Set([
  'app/actions/auth.ts#signUp',
  'app/actions/auth.ts#signIn',
  'app/actions/auth.ts#changePassword',
  'app/actions/auth.ts#deleteAccount',
  'app/actions/settings.ts#updateSettings',
  'app/actions/fsrs-parameters.ts#fsrsParametersAction',
  'app/actions/quiz.ts#startQuiz',
  'app/actions/talks.ts#saveTalk',
])

/**
 * A server action called as React's client calls one from a form (react-server-dom's processReply): multipart, the
 * form's fields as parts "_1_<name>" first, then part "0", the arguments — `[previousState, "$K1"]` for an action
 * behind useActionState, `["$K1"]` for a plain `<form action={…}>` — and the Next-Action header Next's router sends.
 * Part "0" must come last: the server starts decoding when it arrives, and fields sent after it are missing
 * (issue #32: every access-checked action once saw an empty form).
 */
export function actionCall(actionId: string, fields: Record<string, string | string[]>, extra: { page?: string; headers?: Record<string, string>; stateful?: boolean } = {}): Probe {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(`_1_${name}`, one)
  form.set('0', JSON.stringify(extra.stateful === false ? ['$K1'] : [{ status: 'idle' }, '$K1']))
  return { method: 'POST', path: extra.page ?? '/', headers: { 'Next-Action': actionId, Accept: 'text/x-component', Origin: BASE, ...extra.headers }, body: form }
}

/**
 * A digest of every row of every table, per table, minus `skip` (tables a probe writes by design: the readiness
 * check's one row). Compared before and after, it proves that no row was added, changed or removed.
 */
export function databaseDigest(skip: (table: string, row: Record<string, unknown>) => boolean = () => false): Map<string, string> {
  const sqlite = new Database(E2E_HOSTILE_DB_PATH, { readonly: true })
  sqlite.pragma('busy_timeout = 5000')
  try {
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[]
    const digest = new Map<string, string>()
    for (const table of tables) {
      const hash = createHash('sha256')
      let rows = 0
      for (const row of sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        if (table === 'Readiness' || skip(table, row)) continue
        hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
        rows++
      }
      digest.set(table, `${rows} rows ${hash.digest('hex').slice(0, 16)}`)
    }
    return digest
  } finally {
    sqlite.close()
  }
}

/** The tables whose digest changed, with before → after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([table, d]) => before.get(table) !== d).map(([table, d]) => `${table}: ${before.get(table)} → ${d}`)
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await task(items[i]!)
      }
    }),
  )
  return results
}
