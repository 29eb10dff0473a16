import type { NextRequest } from 'next/server'
import { json, jsonError, unauthorized, withErrorBody } from '@/lib/server/api'
import { apiUser } from '@/lib/server/api-session'
import { nowFromCookies } from '@/lib/server/clock'
import { fileProblems, oneRestoreAtATime, readUploadText, refuseUploadRequest } from '@/lib/server/account-upload'
import { readAccountFile, summarize, type AccountFileSummary } from '@/lib/core/account-file'
import { accountRestore, type RestoreResult } from '@/lib/data/account-restore'
import { study } from '@/lib/data/study'

function answer(result: RestoreResult, summary: AccountFileSummary): Response {
  switch (result.kind) {
    case 'ready':
      return json({ outcome: 'ready', summary })
    case 'restored':
      return json({ outcome: 'restored', summary })
    case 'already-restored':
      return json({ outcome: 'already-restored', summary, message: 'This account already holds everything in this file: nothing was written.' })
    case 'unknown-card':
      return jsonError(422, `The file names a card or claim this server does not have ("${result.id}", at ${result.where}): nothing was written.`, {
        code: 'UNKNOWN_CARD',
        problems: [{ code: 'unknown-card', where: result.where, message: `"${result.id}" is not on this server` }],
        summary,
      })
    case 'has-progress':
      return jsonError(409, 'This account already has progress (card states, answers, talks or quizzes): a file is restored only into an account without any. Nothing was written.', { code: 'HAS_PROGRESS', summary })
    case 'ids-exist':
      return jsonError(409, `Entries of this file already exist on this server, in another account (the first at ${result.where}): nothing was written.`, { code: 'IDS_EXIST', where: result.where, summary })
  }
}

/**
 * POST /api/account/restore[?preview=1], body: an account file as GET /api/export writes it (JSON, or its gzip; at
 * most RESTORE_UPLOAD_MAX_BYTES, docs/api.md). With `preview=1`: what the file holds and what restoring it would
 * answer, writing nothing. Without: restores it into the signed-in account (lib/data/account-restore-service.ts has
 * the rules). One at a time per process, previews too (the file is held while parsed). 200 {outcome: ready | restored |
 * already-restored, summary} · 401 · 403 not from our origin · 415 not a file's type · 413 too large · 429 RESTORE_BUSY
 * (another restore is running; Retry-After) · 422 the file cannot be read (INVALID_FILE, with `problems`: each with `where`, a JSON
 * path) or names cards this server lacks (UNKNOWN_CARD) · 409 HAS_PROGRESS or IDS_EXIST. Nothing is written unless 200
 * restored.
 */
export const POST = withErrorBody(async (request: NextRequest) => {
  const refused = refuseUploadRequest(request)
  if (refused) return refused
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  return oneRestoreAtATime(async () => {
    const text = await readUploadText(request)
    if (text instanceof Response) return text
    const read = readAccountFile(text)
    if ('problems' in read) return fileProblems(read.problems)
    const summary = summarize(read.file)
    if (request.nextUrl.searchParams.get('preview') === '1') return answer(await accountRestore.check(user.id, read.file), summary)
    const result = await accountRestore.restore(user.id, read.file, now)
    if (result.kind === 'restored') study.forgetUser(user.id)
    return answer(result, summary)
  })
})
