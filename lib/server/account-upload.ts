/**
 * The body of a restore (POST /api/account/restore): an account file as sent, plain JSON or gzip (told by its first
 * two bytes, whatever the name or type says), read as it streams in up to RESTORE_UPLOAD_MAX_BYTES (413 past it),
 * decompressed up to RESTORE_JSON_MAX_BYTES and at most RESTORE_MAX_COMPRESSION_RATIO times its size, as text. The
 * only route that takes more than 64 KiB; one restore at a time per process (oneRestoreAtATime).
 */
import 'server-only'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import {
  RESTORE_BUSY_RETRY_AFTER_SECONDS,
  RESTORE_JSON_MAX_BYTES,
  RESTORE_MAX_COMPRESSION_RATIO,
  RESTORE_UPLOAD_MAX_BYTES,
} from '../core/request-limits'
import type { FileProblem } from '../core/account-file'
import { jsonError } from './api'
import { isOwnOrigin, readBodyBytes } from './request-guard'

const gunzipped = promisify(gunzip)

/** What a restore may be sent as: the file's own type, or none in particular. */
const UPLOAD_TYPES = new Set(['application/json', 'application/gzip', 'application/x-gzip', 'application/octet-stream'])

const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b

/** The answer to a file that cannot be read: 422 with each problem and where it is. */
export const fileProblems = (problems: FileProblem[]) =>
  jsonError(422, problems[0]?.message ?? 'The file cannot be read.', { code: 'INVALID_FILE', problems })

/** The refusals of a restore's request before its body is read: another site (403), a type not a file's (415). */
export function refuseUploadRequest(request: Request): Response | null {
  if (!isOwnOrigin(request.headers)) return jsonError(403, 'This request did not come from a Keyclaims page.', { code: 'FOREIGN_ORIGIN' })
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!UPLOAD_TYPES.has(type))
    return jsonError(415, 'Send the file itself as the body (application/json, application/gzip or application/octet-stream).', { code: 'NOT_A_FILE' })
  return null
}

/** The uploaded file's text, or the answer to send (413 too large, 422 a broken gzip or one that inflates too far). */
export async function readUploadText(request: Request): Promise<string | Response> {
  const bytes = await readBodyBytes(request, RESTORE_UPLOAD_MAX_BYTES)
  if (bytes instanceof Response) return bytes
  if (!isGzip(bytes)) {
    if (bytes.length > RESTORE_JSON_MAX_BYTES) return fileProblems([{ code: 'invalid', where: '', message: `The file is over ${RESTORE_JSON_MAX_BYTES} bytes.` }])
    return bytes.toString('utf8')
  }
  // Decompression stops at whichever comes first: the JSON limit, or the most an export can grow by.
  const byRatio = bytes.length * RESTORE_MAX_COMPRESSION_RATIO < RESTORE_JSON_MAX_BYTES
  try {
    return (await gunzipped(bytes, { maxOutputLength: byRatio ? bytes.length * RESTORE_MAX_COMPRESSION_RATIO : RESTORE_JSON_MAX_BYTES })).toString('utf8')
  } catch (err) {
    const { code } = err as { code?: unknown }
    if (code === 'ERR_BUFFER_TOO_LARGE')
      return fileProblems([{
        code: 'invalid',
        where: '',
        message: byRatio
          ? `The file decompresses to more than ${RESTORE_MAX_COMPRESSION_RATIO} times its compressed size (${bytes.length} bytes), more than an export ever does: it is refused.`
          : `The file decompresses to more than ${RESTORE_JSON_MAX_BYTES} bytes.`,
      }])
    const cut = code === 'Z_BUF_ERROR'
    return fileProblems([
      cut
        ? { code: 'truncated', where: '', message: 'The compressed file ends early: it was cut short.' }
        : { code: 'not-json', where: '', message: 'The file starts as gzip but is not readable gzip.' },
    ])
  }
}

/** Whether this process is running a restore (its upload read, parsed and checked or written). */
let restoring = false

/**
 * Runs `work` as this process's only restore, or answers 429 (code RESTORE_BUSY, with Retry-After) while another runs:
 * a restore holds its file several times over while it parses it, and two at once could run the server out of memory.
 */
export async function oneRestoreAtATime(work: () => Promise<Response>): Promise<Response> {
  if (restoring) {
    const busy = jsonError(429, 'Another restore is running on this server: try again in a moment.', { code: 'RESTORE_BUSY', retryAfterSeconds: RESTORE_BUSY_RETRY_AFTER_SECONDS })
    busy.headers.set('Retry-After', String(RESTORE_BUSY_RETRY_AFTER_SECONDS))
    return busy
  }
  restoring = true
  try {
    return await work()
  } finally {
    restoring = false
  }
}
