// The most of a request's body that Next is given. Plain JavaScript: scripts/server.mjs runs it with plain Node in
// front of Next. Types in body-cap.d.mts; tested through the production server in tests/server-body-cap.test.ts.
import { IncomingMessage } from 'node:http'

/**
 * No route takes a body over 64 KiB (a server action's ACTION_BODY_MAX_BYTES in lib/core/request-limits.ts; the JSON
 * routes take 16 KiB), and each refuses a larger one with a 413 once it has seen one byte too many. So Next is given
 * at most one byte over this, then the body's end.
 */
export const BODY_PASSED_MAX_BYTES = 64 * 1024

/**
 * The request to hand to Next: `req` itself when its declared length is within the cap; otherwise (declared over it,
 * or chunked) a copy of it whose body stops one byte past the cap, while the rest of `req` is read and dropped so
 * the client can read the answer.
 *
 * Why: for a page POST Next copies the body for the proxy (proxy.ts), and before it sends the proxy's 413 it waits
 * for the end of the whole body — 20 MB uploaded in full for a refusal — and when the client hangs up meanwhile it
 * turns the dropped upload into an error it logs with a stack ("Error: aborted", ECONNRESET) and a 500 for no one.
 * Given the cut copy, the proxy answers 413 at once and a later hang-up never reaches Next. A body within the cap is
 * passed as it comes, its abort included: a request cut short by its client must fail, not run on part of a form.
 */
export function capRequestBody(req, maxBytes = BODY_PASSED_MAX_BYTES) {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) <= maxBytes) return req
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return req // no body
  const capped = new IncomingMessage(req.socket)
  for (const key of ['httpVersion', 'httpVersionMajor', 'httpVersionMinor', 'method', 'url', 'headers', 'rawHeaders']) capped[key] = req[key]
  let passedBytes = 0
  let ended = false
  const end = () => {
    ended = true
    capped.complete = true
    capped.push(null)
  }
  req.on('data', (chunk) => {
    if (ended) return // dropped: past the cap
    const room = maxBytes + 1 - passedBytes
    passedBytes += chunk.length
    if (chunk.length < room) return void capped.push(chunk)
    capped.push(chunk.subarray(0, room))
    end()
  })
  req.on('end', () => {
    if (!ended) end()
  })
  // The client went away before the cap: Next sees the abort, as it would on the request itself.
  req.on('error', (err) => {
    if (!ended) capped.destroy(err)
  })
  return capped
}
