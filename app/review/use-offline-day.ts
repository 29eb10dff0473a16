'use client'
/**
 * The review screen's offline day (issue #37): keeps today's work on the device (GET /api/offline-day, into
 * IndexedDB: lib/client/offline-store.ts), applies every answer to it as the server will (lib/core/offline-day.ts), so
 * that the screen goes on from it while the connection is gone, keeps the answers in the outbox until the server has
 * them (on reconnect, and on the next start), and keeps the refusals of answers from offline until they are read.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AnswerOutcome, AnswerSender, AnswerStore } from '@/lib/client/answer-sender'
import { OfflineStore, type RefusedItem } from '@/lib/client/offline-store'
import type { GradeBody, Graded, GradeRefusal } from '@/lib/client/review-queue'
import { answerOffline, offlineCounts, offlineQueue, readPack, undoOffline, type AppliedOffline, type OfflinePack, type OfflineRefusal, type ShownCard } from '@/lib/core/offline-day'

type Sender = AnswerSender<GradeBody, Graded, GradeRefusal>

/** Whether the browser says it is online (and listens for the change). */
function useOnline(): boolean {
  const [online, setOnline] = useState(true)
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    update()
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}

export function useOfflineDay(userId: string) {
  const online = useOnline()
  const [ready, setReady] = useState(false)
  const [refusals, setRefusals] = useState<RefusedItem[]>([])
  const [packInfo, setPackInfo] = useState<{ cards: number; leftOut: number; bytes: number } | null>(null)
  const storeRef = useRef<OfflineStore | null>(null)
  const packRef = useRef<OfflinePack | null>(null)
  /** What each answer not yet sent did to the offline day, by review id (undo). */
  const applied = useRef(new Map<string, AppliedOffline>())
  /**
   * The answers given on this page (the sender keeps them in the outbox until settled). When the store opens after
   * one was given, the outbox holds it too: it is not one kept from an earlier page to restore.
   */
  const givenHere = useRef(new Set<string>())
  /** Answers given while offline, or restored from an earlier page: their refusals are kept until read. */
  const fromOffline = useRef(new Set<string>())
  const [opened] = useState(() => {
    let open!: (store: OfflineStore | null) => void
    return { promise: new Promise<OfflineStore | null>((resolve) => (open = resolve)), open }
  })

  /** Whether the day on the device changed since it was last written: a write is due. */
  const packDirty = useRef(false)
  const writePack = useCallback(() => {
    if (!packDirty.current) return
    packDirty.current = false
    const pack = packRef.current
    if (pack) void storeRef.current?.putPack(pack)
  }, [])
  useEffect(() => {
    let closed = false
    void OfflineStore.open(userId).then(async (store) => {
      if (closed) return store?.close()
      storeRef.current = store
      if (store) {
        const pack = await store.getPack()
        if (pack && pack.userId === userId) packRef.current = pack
        for (const item of await store.pending()) if (item.applied) applied.current.set(item.id, item.applied)
        setRefusals(await store.refusals())
      }
      opened.open(store)
      setReady(true)
    })
    return () => {
      closed = true
      // A write still waiting goes first (a closing database lets the transactions begun before it finish).
      writePack()
      storeRef.current?.close()
    }
  }, [opened, userId, writePack])

  /** The sender's store: every answer kept in the outbox before it is sent (once the database is open). */
  const answerStore = useMemo<AnswerStore<GradeBody>>(
    () => ({
      put: async (answer) => {
        givenHere.current.add(answer.id)
        await (await opened.promise)?.put(answer, applied.current.get(answer.id) ?? null)
      },
      delete: async (id) => {
        applied.current.delete(id)
        await (await opened.promise)?.delete(id)
      },
    }),
    [opened],
  )

  /**
   * Writes the day on the device once the next frame is painted, not in the grade key's task: the write (a copy of the
   * whole day) would hold up the next card. It is a copy of what is in memory, which the screen goes on from; what
   * protects an answer is the outbox, written by the sender when it is given, not this. Changes before the write
   * are written together. A hidden page paints no frame: it writes at once, and a page being hidden writes what waits.
   */
  const savePack = useCallback(() => {
    if (packDirty.current) return
    packDirty.current = true
    if (document.visibilityState === 'hidden') writePack()
    else requestAnimationFrame(() => setTimeout(writePack, 0))
  }, [writePack])
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') writePack()
    }
    document.addEventListener('visibilitychange', hidden)
    window.addEventListener('pagehide', writePack)
    return () => {
      document.removeEventListener('visibilitychange', hidden)
      window.removeEventListener('pagehide', writePack)
    }
  }, [writePack])

  /** Reads today's work from the server again (online, with no answer waiting: the server's then is the truth). */
  const refresh = useCallback(async (): Promise<boolean> => {
    try {
      const res = await fetch('/api/offline-day', { cache: 'no-store' })
      if (!res.ok) return false
      const text = await res.text()
      const body = JSON.parse(text) as { pack: unknown; serverNow: string }
      const pack = { ...readPack(body.pack), clockOffsetMs: Date.parse(body.serverNow) - Date.now() }
      packRef.current = pack
      setPackInfo({ cards: pack.cards.length, leftOut: pack.leftOut, bytes: text.length })
      await storeRef.current?.putPack(pack)
      // Where the browser allows, the day's work is kept through storage pressure.
      void navigator.storage?.persist?.().catch(() => false)
      return true
    } catch {
      return false
    }
  }, [])

  /**
   * An answer given on this screen, applied to the offline day before it is sent. Offline, a refusal here is the
   * screen's to act on (the buttons changed, the day is over); online the server decides.
   */
  const apply = useCallback(
    (body: GradeBody): { kind: 'applied' } | { kind: 'refused'; reason: OfflineRefusal } | { kind: 'none' } => {
      const pack = packRef.current
      if (!navigator.onLine) fromOffline.current.add(body.reviewId)
      if (!pack) return { kind: 'none' }
      const result = answerOffline(pack, body)
      if (result.kind === 'refused') return result
      applied.current.set(body.reviewId, result.applied)
      savePack()
      return { kind: 'applied' }
    },
    [savePack],
  )

  /** Takes back the newest answer still waiting (not on its way); the card as it is to be answered again, or null. */
  const undoWaiting = useCallback(
    (sender: Sender, nowMs: number): { reviewId: string; card: ShownCard | null } | null => {
      const pack = packRef.current
      const last = sender.pending().at(-1)
      const undo = last && applied.current.get(last.id)
      if (!pack || !undo || !sender.withdraw(last.id)) return null
      undoOffline(pack, undo)
      applied.current.delete(last.id)
      fromOffline.current.delete(last.id)
      savePack()
      return { reviewId: last.id, card: offlineQueue(pack, new Date(nowMs), Number.MAX_SAFE_INTEGER).find((c) => c.cardId === undo.cardId) ?? null }
    },
    [savePack],
  )

  /** What the server made of an answer: a refusal of one from offline is kept and shown (one item a card's chain). */
  const settled = useCallback(
    (body: GradeBody, outcome: AnswerOutcome<Graded, GradeRefusal>, prompt: string) => {
      const offline = fromOffline.current.delete(body.reviewId)
      if (outcome.kind === 'saved' || outcome.kind === 'withdrawn') return
      // The card's state on the device is not the server's: the next refresh brings it.
      const pack = packRef.current
      const card = pack?.cards.find((c) => c.cardId === body.cardId)
      if (pack && card) pack.cards = pack.cards.filter((c) => c !== card)
      savePack()
      if (!offline) return
      const store = storeRef.current
      if (outcome.kind === 'dropped') {
        void store?.countDropped(outcome.refused.id).then(async () => setRefusals(await store.refusals()))
        return
      }
      const item: RefusedItem = { id: body.reviewId, cardId: body.cardId, status: outcome.status, reason: outcome.reply.reason ?? String(outcome.status), answeredAt: body.answeredAt, answers: 1, prompt }
      setRefusals((r) => [...r.filter((x) => x.id !== item.id), item])
      void store?.addRefusal(item)
    },
    [savePack],
  )

  /** Sends the answers kept from an earlier page (in their order); `handle` is told each outcome. */
  const restore = useCallback(
    async (sender: Sender, handle: (body: GradeBody, outcome: AnswerOutcome<Graded, GradeRefusal>) => void): Promise<number> => {
      const store = await opened.promise
      const items = ((await store?.pending()) ?? []).filter((item) => !givenHere.current.has(item.id))
      for (const item of items) {
        fromOffline.current.add(item.id)
        void sender.send({ id: item.id, cardId: item.cardId, version: item.version, body: item.body }).then((outcome) => handle(item.body, outcome))
      }
      return items.length
    },
    [opened],
  )

  const dismissRefusals = useCallback(() => {
    setRefusals([])
    void storeRef.current?.clearRefusals()
  }, [])

  const queue = useCallback((limit: number, nowMs: number) => (packRef.current ? offlineQueue(packRef.current, new Date(nowMs), limit) : null), [])
  const counts = useCallback((nowMs: number) => (packRef.current ? offlineCounts(packRef.current, new Date(nowMs)) : null), [])
  const packMadeAt = useCallback(() => packRef.current?.madeAt ?? null, [])
  /** The server's now by the offset kept with the day (null: none kept). */
  const keptServerNow = useCallback(() => (packRef.current?.clockOffsetMs === undefined ? null : new Date(Date.now() + packRef.current.clockOffsetMs).toISOString()), [])

  return { online, ready, answerStore, refresh, apply, undoWaiting, settled, restore, queue, counts, packMadeAt, keptServerNow, refusals, dismissRefusals, packInfo }
}

export type OfflineDay = ReturnType<typeof useOfflineDay>
