'use client'
import { useEffect, useEffectEvent } from 'react'

/**
 * Asks the browser to warn before the page is left while `unsaved()` says answers are still being sent (the review
 * and quiz screens: an answer not yet acknowledged would be lost with the page).
 */
export function useUnsavedWarning(unsaved: () => boolean) {
  // The listener is added once and asks the latest `unsaved` at each unload (a new closure each render, not a reason
  // to re-add the listener).
  const isUnsaved = useEffectEvent(unsaved)
  useEffect(() => {
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (isUnsaved()) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])
}
