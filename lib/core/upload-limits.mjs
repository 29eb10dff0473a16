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

/** The most a gzip upload may grow to when decompressed (a small file that inflates without end is refused). */
export const RESTORE_JSON_MAX_BYTES = 256 * 1024 * 1024
