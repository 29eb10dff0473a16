'use client'
/**
 * What the review areas of one section share: the areas as the server last said (GET /api/reading), which area is
 * answering (one at a time: it owns the answering keys and the phone's bottom bar), the day's new cards left, and
 * the one answer sender of the page (lib/client/answer-sender.ts, to POST /api/reviews as the review screen does).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { browserAnswerSender, ServerClock, type AnswerSender } from '@/lib/client/answer-sender'
import type { GradeBody, Graded, GradeRefusal } from '@/lib/client/review-queue'
import type { SenderStatus } from '@/lib/client/answer-sender'
import type { SectionAreas } from '@/lib/data/reading-service'
import { useAnswerSender } from '@/app/ui/use-answer-sender'
import { useUnsavedWarning } from '@/app/ui/unsaved-warning'

type Reader = {
  deckId: string
  sectionId: string
  areas: SectionAreas
  /** The server's now when the areas were read: the "next in …" of a begun card is said from it (as the server rendered it). */
  areasNow: string
  /** Reads the areas again (after an answer elsewhere, a step over); false when it could not (offline, signed out). */
  refresh: () => Promise<boolean>
  active: number | null
  setActive: (passage: number | null) => void
  newLeft: number
  /** One new card answered here (or given back by undo: +1). */
  countNew: (n: 1 | -1) => void
  /** Today's new-card limit turned out reached (the server refused a new card). */
  limitReached: () => void
  sender: AnswerSender<GradeBody, Graded, GradeRefusal>
  sending: SenderStatus
  clock: ServerClock
}

const ReaderContext = createContext<Reader | null>(null)

export function useReader(): Reader {
  const reader = useContext(ReaderContext)
  if (!reader) throw new Error('useReader outside ReaderProvider')
  return reader
}

export function ReaderProvider({ deckId, sectionId, initial, serverNow, children }: { deckId: string; sectionId: string; initial: SectionAreas; serverNow: string; children: ReactNode }) {
  const [areas, setAreas] = useState(initial)
  const [areasNow, setAreasNow] = useState(serverNow)
  const [active, setActive] = useState<number | null>(null)
  const [newLeft, setNewLeft] = useState(initial.newLeft)
  const [clock] = useState(() => new ServerClock(serverNow))
  const [sender, sending] = useAnswerSender(() => browserAnswerSender<GradeBody, Graded, GradeRefusal>({ url: '/api/reviews', clock }))

  // Counts the changes made here to the new cards left (an answer, its refusal, an undo): a read of the areas that was
  // on its way while one happened may not know it, and must not undo it on screen.
  const localChanges = useRef(0)

  const refresh = useCallback(async () => {
    for (;;) {
      // After the answers still being sent, so the server's areas know them all.
      await sender.after(async () => {})
      const changesBefore = localChanges.current
      let body: SectionAreas & { serverNow?: string }
      try {
        const res = await fetch(`/api/reading?section=${encodeURIComponent(sectionId)}&deck=${encodeURIComponent(deckId)}`, { cache: 'no-store' })
        if (!res.ok) return false
        body = (await res.json()) as SectionAreas & { serverNow?: string }
      } catch {
        return false
      }
      // A card answered while the areas were read: read them again once its answer is sent.
      if (localChanges.current !== changesBefore) continue
      clock.note(body.serverNow)
      setAreas(body)
      if (body.serverNow) setAreasNow(body.serverNow)
      setNewLeft(body.newLeft)
      return true
    }
  }, [clock, deckId, sectionId, sender])

  const countNew = useCallback((n: 1 | -1) => {
    localChanges.current++
    setNewLeft((left) => Math.max(0, left - n))
  }, [])
  const limitReached = useCallback(() => {
    localChanges.current++
    setNewLeft(0)
  }, [])
  // An answer not yet acknowledged would be lost with the page.
  useUnsavedWarning(() => sender.pending().length > 0)
  const value = useMemo(
    () => ({ deckId, sectionId, areas, areasNow, refresh, active, setActive, newLeft, countNew, limitReached, sender, sending, clock }),
    [deckId, sectionId, areas, areasNow, refresh, active, newLeft, countNew, limitReached, sender, sending, clock],
  )
  return <ReaderContext.Provider value={value}>{children}</ReaderContext.Provider>
}
