'use client'
import { useEffect } from 'react'

/**
 * Asks the browser to warn before the page is left while `unsaved()` says answers are still being sent (the review
 * and quiz screens: an answer not yet acknowledged would be lost with the page).
 */
export function useUnsavedWarning(unsaved: () => boolean) {
  useEffect(() => {
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (unsaved()) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- `unsaved` reads refs, current at each call
}
