// The limits of the one route that takes a file (POST /api/account/restore), in plain JavaScript: scripts/server.mjs
// reads them with plain Node before Next, and lib/core/request-limits.ts passes them on to the app. Types in
// upload-limits.d.mts. docs/api.md states them.

/** The restore route's path: the only one whose body may pass scripts/body-cap.mjs's 64 KiB. */
export const RESTORE_PATH = '/api/account/restore'

/**
 * The most a restore's upload may be, as sent (gzip or plain JSON): 96 MiB. The export of a person with 100,000
 * answers is about 58 MiB as JSON and under 5 MiB as gzip (docs/performance.md, `npm run bench:account`).
 */
export const RESTORE_UPLOAD_MAX_BYTES = 96 * 1024 * 1024

/**
 * The most a restore's file may be as JSON (a gzip upload once decompressed): 128 MiB, over twice the 100,000-answer
 * export's 58 MiB. JSON.parse holds several times the text's size, so this bounds a restore's memory.
 */
export const RESTORE_JSON_MAX_BYTES = 128 * 1024 * 1024

/**
 * The most a gzip upload may grow by when decompressed: 50 times (an export compresses about 13 times). A few hundred
 * KB of `[0,0,0,…]` inflating to the limit above is refused as soon as it passes 50 times its size.
 */
export const RESTORE_MAX_COMPRESSION_RATIO = 50

/** What a second restore at once is told to wait, in seconds (one restore runs at a time per server process). */
export const RESTORE_BUSY_RETRY_AFTER_SECONDS = 15
