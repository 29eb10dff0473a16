'use client'
/**
 * Registers the service worker (worker/sw.ts, built to /sw.js) for a signed-in person: the app can then be installed
 * and the review screen opened offline (issue #37). Signed out, nothing is registered (the worker only keeps the
 * review page's shell, which needs a session); signing out deletes what it kept (lib/client/offline-data.ts).
 */
import { useEffect } from 'react'

export function ServiceWorker({ signedIn }: { signedIn: boolean }) {
  useEffect(() => {
    if (!signedIn || !('serviceWorker' in navigator)) return
    // A failed registration (a private window that refuses workers) leaves the app as it is online.
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
  }, [signedIn])
  return null
}
