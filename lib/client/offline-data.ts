/**
 * Deletes what the app keeps on this device for offline review (issue #37): the service worker's caches (the review
 * page's shell, the precached code) and every person's offline database (today's work, the outbox, refusals). Run
 * when signing out: the next person on this device finds nothing of the last one's.
 */
import { OFFLINE_DATABASE_PREFIX } from './offline-names'

export async function clearOfflineData(): Promise<void> {
  const jobs: Promise<unknown>[] = []
  if (typeof caches !== 'undefined') jobs.push(caches.keys().then((names) => Promise.all(names.map((n) => caches.delete(n)))))
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    jobs.push(
      indexedDB.databases().then((dbs) =>
        Promise.all(
          dbs
            .filter((db) => db.name?.startsWith(OFFLINE_DATABASE_PREFIX))
            .map((db) => new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(db.name!)
              request.onsuccess = request.onerror = request.onblocked = () => resolve()
            })),
        ),
      ),
    )
  }
  await Promise.allSettled(jobs)
}
