import type { IncomingMessage } from 'node:http'

export const BODY_PASSED_MAX_BYTES: number
export function capRequestBody(req: IncomingMessage, maxBytes?: number): IncomingMessage
