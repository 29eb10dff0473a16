'use client'
/**
 * Registers the service worker (worker/sw.ts, built to /sw.js) for a signed-in person: the app can then be installed
 * and the review screen opened offline (issue #37). Signed out, nothing is registered (the worker only keeps the
 * review page's shell, which needs a session); signing out deletes what it kept (lib/client/offline-data.ts).
 */
import { useEffect } from 'react'
import { clearOfflineData } from '@/lib/client/offline-data'

/** Who was signed in last on this device: another person now (a session that expired, not signed out) finds nothing of theirs. */
const LAST_USER_KEY = 'keyclaims-offline-user'

/** Runs `job` after the window's load event and then an idle moment (a timeout where there is no requestIdleCallback); returns its cancel. */
function afterLoadAndIdle(job: () => void): () => void {
  let cancelIdle = () => {}
  const whenLoaded = () => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(job, { timeout: 5_000 })
      cancelIdle = () => cancelIdleCallback(id)
    } else {
      const id = setTimeout(job, 1_000)
      cancelIdle = () => clearTimeout(id)
    }
  }
  if (document.readyState === 'complete') whenLoaded()
  else window.addEventListener('load', whenLoaded, { once: true })
  return () => {
    window.removeEventListener('load', whenLoaded)
    cancelIdle()
  }
}

export function ServiceWorker({ userId }: { userId: string | null }) {
  const signedIn = userId !== null
  useEffect(() => {
    if (!userId) return
    try {
      const last = localStorage.getItem(LAST_USER_KEY)
      if (last !== null && last !== userId) void clearOfflineData()
      localStorage.setItem(LAST_USER_KEY, userId)
    } catch {
      // No storage (a private window): nothing was kept either.
    }
  }, [userId])
  useEffect(() => {
    if (!signedIn || !('serviceWorker' in navigator)) return
    // A failed registration (a private window that refuses workers) leaves the app as it is online.
    const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
    // Once the page has loaded and the browser is idle: installing the worker downloads and stores the app's code
    // (about 800 kB), which on a first visit competed with the page's own loading on a phone's CPU and network.
    return afterLoadAndIdle(register)
  }, [signedIn])
  return null
}
