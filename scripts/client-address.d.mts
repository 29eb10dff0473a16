import type { BlockList } from 'node:net'
import type { IncomingMessage } from 'node:http'

export function parseTrustedProxies(text: string | undefined): BlockList | null
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: BlockList | null): string
export function normalizeForwardingHeaders(req: IncomingMessage, trusted: BlockList | null): void
