/// <reference lib="webworker" />
/**
 * The service worker (issue #37), built after `next build` by scripts/build-sw.ts into public/sw.js.
 *
 * - Precache: the build's static files (/_next/static: scripts, styles, fonts) and public/ (the icons), so the review
 *   screen's code is on the device.
 * - The review page's shell: every successful navigation to /review (signed in: not a redirect to sign in) is kept in
 *   one cache entry; when the network fails, that copy opens the review screen, which then takes today's cards from
 *   the device (lib/client/offline-store.ts). Pages are sent `no-store` for the browser's HTTP cache; this copy is the
 *   one exception, kept in Cache Storage, for one person (signing out deletes it: lib/client/offline-data.ts).
 * - Any other page while offline: to the review screen, when its shell is kept (the app opens at the home page).
 * - Nothing else is cached: the JSON routes (/api/…) always go to the network; the review screen keeps its own data.
 */
import { Serwist, type PrecacheEntry } from 'serwist'
import { REVIEW_SHELL_CACHE, REVIEW_PATH } from '../lib/client/offline-names'

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined }

async function reviewShell(request: Request): Promise<Response> {
  const cache = await caches.open(REVIEW_SHELL_CACHE)
  try {
    const response = await fetch(request)
    // Only the signed-in page itself: a redirect (to sign in) or an error page is never kept.
    if (response.ok && !response.redirected && new URL(response.url).pathname === REVIEW_PATH) await cache.put(REVIEW_PATH, response.clone())
    return response
  } catch (error) {
    const kept = await cache.match(REVIEW_PATH)
    if (kept) return kept
    throw error
  }
}

async function otherPage(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (error) {
    const kept = await (await caches.open(REVIEW_SHELL_CACHE)).match(REVIEW_PATH)
    if (kept) return Response.redirect(REVIEW_PATH, 302)
    throw error
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.mode !== 'navigate' || request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  event.respondWith(url.pathname === REVIEW_PATH ? reviewShell(request) : otherPage(request))
})

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
})
serwist.addEventListeners()
