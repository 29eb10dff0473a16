// The most of a request's body that Next is given. Plain JavaScript: scripts/server.mjs runs it with plain Node in
// front of Next. Types in body-cap.d.mts; tested through the production server in tests/shutdown.test.ts
// ("oversized page POSTs").
import { IncomingMessage } from 'node:http'

/**
 * No route but the restore (lib/core/upload-limits.mjs, given its own cap by scripts/server.mjs) takes a body over 64 KiB (a server action's ACTION_BODY_MAX_BYTES in lib/core/request-limits.ts; the JSON
 * routes take 16 KiB), and each refuses a larger one with a 413 once it has seen one byte too many. So Next is given
 * at most one byte over this, then the body's end.
 */
export const BODY_PASSED_MAX_BYTES = 64 * 1024

/**
 * Past the cap, up to this much more is read and dropped before Next's body ends (and its 413 goes out), so a client
 * that closes the connection after its request can read the answer rather than a reset mid-upload. A body further
 * over has Next's copy cut off there: the 413 goes out without waiting for the rest, which is still read and
 * dropped as it comes (never held), as a client still uploading reads its answer only from a connection left open.
 * The same allowance as lib/server/request-guard.ts's DRAIN_MAX_BYTES for the JSON routes.
 */
export const DRAIN_MAX_BYTES = 1024 * 1024

/**
 * The request to hand to Next: `req` itself when its declared length is within the cap; otherwise (declared over it,
 * or chunked) a copy of it whose body stops one byte past the cap, while the rest of `req` is read and dropped.
 *
 * Why: for a page POST Next copies the body for the proxy (proxy.ts) and waits for the end of the whole body before
 * it sends the proxy's 413 — all 20 MB of an upload read for a refusal — and when the client hangs up meanwhile it
 * turns the dropped upload into an error it logs with a stack ("Error: aborted", ECONNRESET) and a 500 for no one.
 * Given the copy, Next never sees more than the cap, and once the cap is passed the body's end comes when the
 * upload ends, when DRAIN_MAX_BYTES more were dropped, or when the client hangs up: the request is refused whatever
 * the rest was, so a hang-up is no error. A body within the cap is passed as it comes, its abort included: a request
 * cut short by its client must fail, not run on part of a form.
 */
export function capRequestBody(req, maxBytes = BODY_PASSED_MAX_BYTES) {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) <= maxBytes) return req
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return req // no body
  const capped = new IncomingMessage(req.socket)
  for (const key of ['httpVersion', 'httpVersionMajor', 'httpVersionMinor', 'method', 'url', 'headers', 'rawHeaders']) capped[key] = req[key]
  let passedBytes = 0
  let droppedBytes = 0
  let ended = false
  const end = () => {
    if (ended) return
    ended = true
    capped.complete = true
    capped.push(null)
  }
  req.on('data', (chunk) => {
    const room = maxBytes + 1 - passedBytes
    if (room <= 0) {
      droppedBytes += chunk.length
      if (droppedBytes >= DRAIN_MAX_BYTES) end()
      return
    }
    passedBytes += Math.min(chunk.length, room)
    capped.push(chunk.length <= room ? chunk : chunk.subarray(0, room))
  })
  req.on('end', end)
  req.on('error', (err) => {
    if (passedBytes > maxBytes) end() // over the cap: refused anyway
    else if (!ended) capped.destroy(err) // within it: Next sees the abort, as it would on the request itself
  })
  return capped
}
