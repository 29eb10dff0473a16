'use client'
/** What the review screen says around the card: answers and saving, notices, the result of an operation, and the live region a screen reader hears. */
import { useTranslations } from 'next-intl'
import type { SenderStatus } from '@/lib/client/answer-sender'
import { useSaveNotice } from './save-notice'

export function SessionStatus({ answered, sending, notice, dismissNotice, status }: {
  /** Grades made on this page (less those refused or undone). */
  answered: number
  sending: SenderStatus
  notice: string | null
  dismissNotice: () => void
  /** What an operation did, said politely (not an alert): "Buried until the next study day." */
  status: string | null
}) {
  const t = useTranslations('review')
  const saveNotice = useSaveNotice(sending.pending)
  return (
    <>
      <div className="review-meta">
        <span>{t('answered', { count: answered })}</span>
        <span>{sending.pending > 0 ? t('saving', { count: sending.pending }) : answered > 0 ? t('allSaved') : ''}</span>
        {sending.state === 'offline' ? <span>{t('offlineWaiting')}</span> : null}
      </div>
      <div className="sr-only" role="status">{saveNotice}</div>
      {/* Until the answers go: signing in again (in another tab) and coming back sends them. */}
      {sending.state === 'signed-out' ? <div role="alert" className="notice">{t('signedOutSend')}</div> : null}
      {notice ? (
        <div role="alert" className="notice">
          {notice} <button type="button" className="link-button" onClick={dismissNotice}>{t('dismiss')}</button>
        </div>
      ) : null}
      <p className="muted" role="status" aria-live="polite" style={{ minHeight: '1.5em', margin: '.5rem 0 0' }}>{status}</p>
    </>
  )
}

export type Announcement = { kind: 'question' | 'answer'; html: string } | { kind: 'done'; answers: number } | null

/** What the live region reads: the card's own HTML, whose parts carry their language; or the end of the queue. */
export function LiveAnnouncement({ announcement }: { announcement: Announcement }) {
  const t = useTranslations('review')
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true">
      {announcement?.kind === 'done'
        ? t('announceDone', { answers: announcement.answers })
        : announcement
          ? t.rich(announcement.kind === 'question' ? 'announceQuestion' : 'announceAnswer', { card: () => <span dangerouslySetInnerHTML={{ __html: announcement.html }} /> })
          : null}
    </div>
  )
}

/** Undo, bury, suspend and the list of keys. */
export function StudyOpsBar({ canUndo, busy, hasCard, undo, setAside, openShortcuts }: {
  canUndo: boolean
  busy: boolean
  hasCard: boolean
  undo: () => void
  setAside: (op: 'bury' | 'suspend') => void
  openShortcuts: () => void
}) {
  const t = useTranslations('review')
  return (
    <div className="study-ops" role="group" aria-label={t('opsLabel')}>
      <button type="button" onClick={undo} disabled={!canUndo || busy} aria-keyshortcuts="Z Control+Z">{t('undo')}</button>
      {hasCard ? (
        <>
          <button type="button" onClick={() => setAside('bury')} disabled={busy} aria-keyshortcuts="-">{t('bury')}</button>
          <button type="button" onClick={() => setAside('suspend')} disabled={busy} aria-keyshortcuts="@">{t('suspend')}</button>
        </>
      ) : null}
      <button type="button" className="link-button" onClick={openShortcuts} aria-keyshortcuts="?">{t('shortcutsButton')}</button>
    </div>
  )
}
