'use client'
import { useState } from 'react'
import { useTranslations } from 'next-intl'

const STUDY_MORE_DEFAULT = 10

/** "Study more today" (Anki's custom study), on the finish line: N more new cards, or N reviews ahead of their day. */
export function StudyMore({ onGranted }: { onGranted: () => Promise<void> }) {
  const t = useTranslations('review')
  const [count, setCount] = useState(String(STUDY_MORE_DEFAULT))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function grant(kind: 'new' | 'ahead') {
    // Digits only, 1–100: a blank or "0x10" is refused, never read as a number.
    const n = /^\d+$/.test(count.trim()) ? Number(count.trim()) : NaN
    if (!(n >= 1 && n <= 100)) {
      setError(t('studyMoreCountError'))
      return
    }
    setError(null)
    setBusy(true)
    try {
      const res = await fetch('/api/study-more', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind, count: n }) })
      if (!res.ok) setError(t('notSavedOther', { status: res.status }))
      else await onGranted()
    } catch {
      setError(t('notSavedOther', { status: 0 }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="study-more-heading" className="stack">
      <h3 id="study-more-heading">{t('studyMoreHeading')}</h3>
      <p className="muted" style={{ fontSize: '1rem' }}>{t('studyMoreText')}</p>
      <div className="field" style={{ maxWidth: '10rem' }}>
        <label htmlFor="study-more-count">{t('studyMoreCount')}</label>
        <input id="study-more-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'study-more-error' : undefined} autoComplete="off" />
      </div>
      {error ? <p id="study-more-error" className="field-error" role="alert">{error}</p> : null}
      <div className="grade-buttons">
        <button type="button" disabled={busy} onClick={() => void grant('new')}>{t('studyMoreNew')}</button>
        <button type="button" disabled={busy} onClick={() => void grant('ahead')}>{t('studyMoreAhead')}</button>
      </div>
    </section>
  )
}
