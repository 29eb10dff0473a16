// Who is asking: the client address of a request, from its socket, and from X-Forwarded-For only when the socket
// is a proxy the deployment trusts (TRUSTED_PROXIES). Plain JavaScript: scripts/server.mjs runs it with plain Node
// in front of Next. Types in client-address.d.mts; tests in tests/client-address.test.ts.
import { BlockList, isIP } from 'node:net'

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) → "192.0.2.1". */
function plain(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1] : address
}

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces ("10.0.0.0/8, ::1"). Empty: none (the
 * default), so forwarding headers are ignored. Throws on an entry that is neither, naming it.
 */
export function parseTrustedProxies(text) {
  const list = new BlockList()
  const entries = (text ?? '').split(/[\s,]+/).filter(Boolean)
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/')
    const family = isIP(address)
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits)
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range like 10.0.0.0/8`)
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4')
  }
  return entries.length ? list : null
}

function isTrusted(address, trusted) {
  const family = isIP(address)
  return !!trusted && !!family && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * The client's address. From an untrusted socket, the socket's. From a trusted proxy, X-Forwarded-For is read from
 * the right (each proxy appends the address it saw) and the first hop that is not a trusted proxy is the client;
 * what is left of it was written by the client and is ignored.
 */
export function resolveClientAddress(socketAddress, forwardedFor, trusted) {
  let client = plain(socketAddress || 'unknown')
  if (!isTrusted(client, trusted) || !forwardedFor) return client
  const hops = forwardedFor.split(',').map((hop) => plain(hop.trim())).filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]
    if (!isIP(hop)) return client // not an address a proxy would write: stop at the last proxy we trust
    client = hop
    if (!isTrusted(hop, trusted)) return client
  }
  return client
}

const FORWARDING_HEADERS = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip']

/**
 * Rewrites a Node request's headers before Next sees them: X-Forwarded-For becomes exactly the client address (which
 * Next, better-auth and the limits all read), and the other forwarding headers are dropped unless a trusted proxy
 * sent them (so HTTPS is believed only from the socket or from a trusted proxy).
 */
export function normalizeForwardingHeaders(req, trusted) {
  const socketAddress = req.socket?.remoteAddress ?? ''
  const forwardedFor = req.headers['x-forwarded-for']
  const client = resolveClientAddress(socketAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trusted)
  req.headers['x-forwarded-for'] = client
  if (!isTrusted(plain(socketAddress), trusted)) for (const name of FORWARDING_HEADERS) delete req.headers[name]
}
