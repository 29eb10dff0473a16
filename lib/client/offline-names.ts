/** Names the service worker (worker/sw.ts) and the page share: the cache of the review page's shell and its path. */
export const REVIEW_PATH = '/review'
export const REVIEW_SHELL_CACHE = 'keyclaims-review-shell'
/** The IndexedDB database of one person's offline day and outbox (lib/client/offline-store.ts). */
export const offlineDatabaseName = (userId: string) => `keyclaims-offline-${userId}`
export const OFFLINE_DATABASE_PREFIX = 'keyclaims-offline-'
