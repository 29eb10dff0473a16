/**
 * The restore's upload (lib/server/account-upload.ts): a gzip that inflates past 50 times its size is refused before
 * it is parsed (a few hundred KB of `[0,0,…]` would otherwise grow to the JSON limit), a real file's gzip reads back,
 * and only one restore runs at a time in a process: a second one meanwhile answers 429 with Retry-After.
 */
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { oneRestoreAtATime, readUploadText } from '../lib/server/account-upload'
import { RESTORE_BUSY_RETRY_AFTER_SECONDS, RESTORE_MAX_COMPRESSION_RATIO } from '../lib/core/request-limits'

const upload = (body: Buffer) => new Request('http://localhost/api/account/restore', { method: 'POST', body: new Uint8Array(body) })

describe('the restore upload', () => {
  it('refuses a gzip that decompresses past 50 times its size, saying so; a file compressed as an export is read', async () => {
    const zeros = Buffer.from(`[${'0,'.repeat(10_000_000)}0]`) // 20 MB that gzips to a few KB
    const bomb = gzipSync(zeros)
    expect(zeros.length / bomb.length).toBeGreaterThan(RESTORE_MAX_COMPRESSION_RATIO)
    const refused = await readUploadText(upload(bomb))
    if (typeof refused === 'string') throw new Error('the bomb was read')
    expect(refused.status).toBe(422)
    expect((await refused.json()).problems[0].message).toContain(`more than ${RESTORE_MAX_COMPRESSION_RATIO} times its compressed size`)

    // Positive control: text that compresses as an export does (about 13 times) is read whole.
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ id: `log-${i}`, rating: (i % 4) + 1, review: new Date(1_800_000_000_000 + i * 61_234).toISOString() })))
    const packed = gzipSync(Buffer.from(text))
    expect(text.length / packed.length).toBeLessThan(RESTORE_MAX_COMPRESSION_RATIO)
    expect(await readUploadText(upload(packed))).toBe(text)
  })

  it('runs one restore at a time: a second meanwhile answers 429 with Retry-After; the slot frees when the first ends, even by throwing', async () => {
    let finish!: () => void
    const first = oneRestoreAtATime(() => new Promise<Response>((resolve) => (finish = () => resolve(new Response('first')))))
    const second = await oneRestoreAtATime(async () => new Response('second'))
    expect(second.status).toBe(429)
    expect(second.headers.get('Retry-After')).toBe(String(RESTORE_BUSY_RETRY_AFTER_SECONDS))
    expect(await second.json()).toMatchObject({ code: 'RESTORE_BUSY', retryAfterSeconds: RESTORE_BUSY_RETRY_AFTER_SECONDS })
    finish()
    expect(await (await first).text()).toBe('first')

    await expect(oneRestoreAtATime(async () => { throw new Error('failed') })).rejects.toThrow('failed')
    expect(await (await oneRestoreAtATime(async () => new Response('third'))).text()).toBe('third')
  })
})
