/**
 * The documented limits on what a request may bring (docs/api.md, "Limits on requests"), in one place for the routes,
 * the proxy and the tests. Far above anything our own pages send: a grade is ~150 bytes, the largest form (sign-up)
 * under 1 KB.
 */

/** A JSON route's body (the grading API, the auth API, the test fixtures): 16 KiB. */
export const JSON_BODY_MAX_BYTES = 16 * 1024

/** A server action's body (a form posted by a page): 64 KiB. */
export const ACTION_BODY_MAX_BYTES = 64 * 1024

/** The restore route's own limits (lib/core/upload-limits.mjs, plain JavaScript for scripts/server.mjs). */
export { RESTORE_PATH, RESTORE_UPLOAD_MAX_BYTES, RESTORE_JSON_MAX_BYTES, RESTORE_MAX_COMPRESSION_RATIO, RESTORE_BUSY_RETRY_AFTER_SECONDS } from './upload-limits.mjs'
