'use client'
import { useEffect, useState } from 'react'
import type { AnswerSender, SenderStatus } from '@/lib/client/answer-sender'

/**
 * A screen's answer sender (lib/client/answer-sender.ts, where the protocol is) and its status as React state,
 * listening for the browser's wake-ups while the screen is there. The status is copied into state rather than read
 * with useSyncExternalStore: that re-renders at once, apart from the state the answer's own outcome sets, so a
 * count of 0 could render before the cards its answer brought (and the finish line flicker).
 */
export function useAnswerSender<Body, Reply, Refusal>(make: () => AnswerSender<Body, Reply, Refusal>): [AnswerSender<Body, Reply, Refusal>, SenderStatus] {
  const [sender] = useState(make)
  const [status, setStatus] = useState<SenderStatus>(sender.snapshot)
  useEffect(() => {
    const unsubscribe = sender.subscribe(() => setStatus(sender.snapshot()))
    const disconnect = sender.connect()
    return () => {
      unsubscribe()
      disconnect()
    }
  }, [sender])
  return [sender, status]
}
