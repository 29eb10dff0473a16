'use client'
/**
 * Keeps the person's place in the reading: when the end of a passage comes into view, POST /api/reading says so
 * (the server keeps it unless it reads back up the section: lib/core/reading.ts). Each passage is said once a page.
 */
import { useEffect } from 'react'

export function ReadingTracker({ deckId, sectionId }: { deckId: string; sectionId: string }) {
  useEffect(() => {
    const said = new Set<number>()
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const passage = Number((entry.target as HTMLElement).dataset.passageEnd)
        if (!entry.isIntersecting || !Number.isInteger(passage) || said.has(passage)) continue
        said.add(passage)
        void fetch('/api/reading', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deckId, sectionId, passage }) }).catch(() => said.delete(passage))
      }
    })
    for (const end of document.querySelectorAll('[data-passage-end]')) observer.observe(end)
    return () => observer.disconnect()
  }, [deckId, sectionId])
  return null
}
