// The production server: Next's request handler behind steps of our own: the client address is settled
// (scripts/client-address.mjs) before Next, better-auth and the sign-in limits read it, and Next is given no more
// of a body than any route takes (scripts/body-cap.mjs). `next start` cannot do this:
// it keeps any X-Forwarded-For a client sends and drops the socket's address. Started by `npm start`, the e2e
// server and the HTTP benchmark as `node scripts/server.mjs -p PORT [-H HOST]`; TRUSTED_PROXIES says whom it believes.
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import next from 'next'
import { normalizeForwardingHeaders, parseTrustedProxies } from './client-address.mjs'
import { capRequestBody } from './body-cap.mjs'
import { RESTORE_PATH, RESTORE_UPLOAD_MAX_BYTES } from '../lib/core/upload-limits.mjs'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } })
const port = Number(args.port || 3000)
const hostname = args.hostname

// The e2e tests' clock and fixture route (KEYCLAIMS_TEST_CLOCK=1) come only from the environment that started this
// process (the e2e server sets it; `npm start` refuses it). Pinned before Next loads .env files, which never
// override a variable already set, so a stray `.env` cannot switch them on in production.
if (process.env.KEYCLAIMS_TEST_CLOCK !== '1') process.env.KEYCLAIMS_TEST_CLOCK = '0'

let trusted
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(2)
}

const app = next({ dev: false, dir: projectRoot, hostname: hostname ?? 'localhost', port })
await app.prepare()
const handle = app.getRequestHandler()

/**
 * The longest address served. Node takes a request line of up to 16 KiB, but Next's answers can echo the address
 * more than once (a redirect of `/browse/?…` to `/browse?…` puts it in Location and in Refresh), and such an answer's
 * headers overflow what clients read (undici stops at 16 KiB): refused here, with a body, before Next. No page of
 * ours makes an address of more than a few hundred bytes, and 4 KiB keeps such an answer's headers near 8 KiB.
 */
const MAX_URL_BYTES = 4 * 1024

const server = http.createServer((req, res) => {
  if (Buffer.byteLength(req.url ?? '') > MAX_URL_BYTES) {
    res.writeHead(414, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(`This address is longer than ${MAX_URL_BYTES / 1024} KiB: nothing was done.\n`)
    return
  }
  normalizeForwardingHeaders(req, trusted)
  // The restore route alone takes a file (lib/core/upload-limits.mjs); every other route, at most 64 KiB.
  const restore = (req.url ?? '').split('?')[0] === RESTORE_PATH
  handle(capRequestBody(req, restore ? RESTORE_UPLOAD_MAX_BYTES : undefined), res)
})
server.listen(port, hostname, () => {
  console.log(`Keyclaims listening on http://${hostname ?? 'localhost'}:${port}${trusted ? ' (trusting forwarding headers from TRUSTED_PROXIES)' : ''}`)
})

/**
 * A stop (SIGTERM from a service manager, SIGINT from Ctrl-C, or `npm start`'s process going away): accept nothing
 * new, let the requests in flight finish (a grade is answered after its commit), then close the database (the
 * last write batch committed and flushed) and exit 0. Keep-alive connections are closed as soon as they are idle;
 * whatever still runs after 10 s is cut off. A second signal changes nothing.
 */
const STOP_GRACE_MS = 10_000
let stopping = false
function stop(why) {
  if (stopping) return
  stopping = true
  console.log(`${why}: finishing the requests in flight, then stopping`)
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100)
  const deadline = setTimeout(() => {
    console.error(`requests still running after ${STOP_GRACE_MS / 1000} s: cut off`)
    server.closeAllConnections()
  }, STOP_GRACE_MS)
  server.close(async () => {
    clearInterval(closeIdle)
    clearTimeout(deadline)
    try {
      // The app's one database client (lib/db/prisma.ts keeps it on globalThis), loaded by Next in this process.
      await globalThis.keyclaimsDb?.close()
    } catch (err) {
      console.error(`closing the database failed: ${err instanceof Error ? err.message : err}`)
      process.exit(1)
    }
    console.log('stopped')
    process.exit(0)
  })
  server.closeIdleConnections()
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
// Started by `npm start` (scripts/start.ts) with a channel to it: if that process ends without passing a signal on,
// this one must not live on holding the port.
process.on('disconnect', () => stop('npm start ended'))
