'use client'
/**
 * What the review screen says of its offline day (issue #37): "Offline — 3 answers waiting" in a live region (a
 * screen reader hears it change), how much of today is kept on the device, and the answers from offline the server
 * refused, one item a card (its later answers went with the first), each with what the person can do.
 */
import { useTranslations } from 'next-intl'
import type { RefusedItem } from '@/lib/client/offline-store'

export function OfflineStatus({ offline, waiting, refusals, dismiss, kept }: {
  offline: boolean
  /** Answers not yet saved by the server. */
  waiting: number
  refusals: RefusedItem[]
  dismiss: () => void
  /** Today's work as last kept on the device (null: not read on this page). */
  kept: { cards: number; leftOut: number; bytes: number } | null
}) {
  const t = useTranslations('review')
  const what = (r: RefusedItem) =>
    r.reason === 'stale-version' || r.reason === 'undone'
      ? t('refusedStale')
      : r.reason === 'limit-reached'
        ? t('refusedLimit')
        : r.reason === 'day-changed' || r.reason === 'interval-changed'
          ? t('refusedDay')
          : t('refusedOther', { status: r.status })
  return (
    <>
      <p className="offline-status" role="status" aria-live="polite">
        {offline ? t('offlineStatus', { count: waiting }) : ''}
      </p>
      {kept && !offline ? <p className="muted offline-kept">{t('offlineKept', { cards: kept.cards, kilobytes: Math.ceil(kept.bytes / 1024), leftOut: kept.leftOut })}</p> : null}
      {refusals.length > 0 ? (
        <section className="notice" role="alert" aria-labelledby="offline-refused-heading">
          <h2 id="offline-refused-heading" className="offline-refused-heading">{t('refusedHeading', { count: refusals.reduce((n, r) => n + r.answers, 0) })}</h2>
          <ul>
            {refusals.map((r) => (
              <li key={r.id}>
                {r.prompt ? <span dangerouslySetInnerHTML={{ __html: r.prompt }} /> : null} {what(r)}
                {r.answers > 1 ? ` ${t('refusedChain', { count: r.answers })}` : null}
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={dismiss}>{t('dismiss')}</button>
        </section>
      ) : null}
    </>
  )
}
