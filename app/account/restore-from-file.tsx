'use client'
/**
 * Account → Restore from a file (issue #36): the file is sent to POST /api/account/restore twice — first for a
 * preview (what it holds, and whether this account can take it; nothing written), then, once confirmed, to restore
 * it. Every outcome is announced: the preview and the result in a status region, refusals in an alert.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { RESTORE_BUSY_RETRY_AFTER_SECONDS, RESTORE_UPLOAD_MAX_BYTES } from '@/lib/core/upload-limits.mjs'

type Summary = { version: number; exportedAt: string | null; name: string; cardStates: number; logEntries: number; answers: number; talks: number; quizzes: number; settings: number; reading: boolean }
type Problem = { code: string; where: string; message: string }
type Answer = {
  outcome?: 'ready' | 'restored' | 'already-restored'
  summary?: Summary
  code?: string
  problems?: Problem[]
  where?: string
  error?: string
  retryAfterSeconds?: number
}

type View =
  | { step: 'choose' }
  | { step: 'sending'; restoring: boolean; summary?: Summary }
  | { step: 'preview'; summary: Summary }
  | { step: 'done'; outcome: 'restored' | 'already-restored'; summary: Summary }
  | { step: 'refused'; answer: Answer; status: number }

const MAX_MIB = Math.round(RESTORE_UPLOAD_MAX_BYTES / 1024 / 1024)

async function send(file: File, preview: boolean): Promise<{ status: number; answer: Answer }> {
  try {
    const response = await fetch(`/api/account/restore${preview ? '?preview=1' : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    })
    const answer = (await response.json().catch(() => ({}))) as Answer
    return { status: response.status, answer }
  } catch {
    return { status: 0, answer: {} }
  }
}

export function RestoreFromFile() {
  const t = useTranslations('account.restore')
  const [view, setView] = useState<View>({ step: 'choose' })
  const [file, setFile] = useState<File | null>(null)
  const [missing, setMissing] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const resultRef = useRef<HTMLDivElement>(null)

  // Back to choosing (after "Choose another file"): the file input, once it is there again, takes the focus.
  const focusInput = useRef(false)

  // A new step's text gets the focus, so a screen reader reads it and the keyboard goes on from there.
  useEffect(() => {
    if (view.step === 'preview' || view.step === 'done' || view.step === 'refused') resultRef.current?.focus()
    if (view.step === 'choose' && focusInput.current) {
      focusInput.current = false
      inputRef.current?.focus()
    }
  }, [view.step])

  async function check(event: FormEvent) {
    event.preventDefault()
    if (!file) {
      setMissing(true)
      inputRef.current?.focus()
      return
    }
    if (file.size > RESTORE_UPLOAD_MAX_BYTES) return setView({ step: 'refused', status: 413, answer: {} })
    setView({ step: 'sending', restoring: false })
    const { status, answer } = await send(file, true)
    setView(status === 200 && answer.outcome === 'ready' && answer.summary ? { step: 'preview', summary: answer.summary } : answerView(status, answer))
  }

  async function restore(summary: Summary) {
    if (!file) return
    setView({ step: 'sending', restoring: true, summary })
    const { status, answer } = await send(file, false)
    setView(answerView(status, answer))
  }

  function answerView(status: number, answer: Answer): View {
    if (status === 200 && (answer.outcome === 'restored' || answer.outcome === 'already-restored') && answer.summary)
      return { step: 'done', outcome: answer.outcome, summary: answer.summary }
    return { step: 'refused', status, answer }
  }

  function startOver() {
    focusInput.current = true
    setFile(null)
    setView({ step: 'choose' })
  }

  function refusal(status: number, answer: Answer): string {
    const problem = answer.problems?.[0]
    if (status === 413) return t('tooLarge', { mib: MAX_MIB })
    if (status === 401) return t('signedOut')
    if (status === 429) return t('busy', { seconds: answer.retryAfterSeconds ?? RESTORE_BUSY_RETRY_AFTER_SECONDS })
    if (answer.code === 'HAS_PROGRESS') return t('hasProgress')
    if (answer.code === 'IDS_EXIST') return t('idsExist', { where: answer.where ?? '' })
    if (answer.code === 'UNKNOWN_CARD') return t('unknownCard', { where: problem?.where ?? '' })
    if (problem?.code === 'truncated') return t('truncated')
    if (problem?.code === 'not-json') return t('notJson')
    if (problem?.code === 'not-export') return t('notExport')
    if (problem?.code === 'unknown-version') return t('unknownVersion')
    if (problem?.code === 'invalid') return t('invalid')
    return t('failed')
  }

  const busy = view.step === 'sending'
  const summary = view.step === 'preview' || view.step === 'done' ? view.summary : view.step === 'sending' ? view.summary : undefined

  return (
    <>
    <p>{t.rich('downloadGzip', { link: (chunks) => <a href="/api/export?gzip=1" download="keyclaims-export.json.gz">{chunks}</a> })}</p>
    <section aria-labelledby="restore-heading" className="stack">
      <h2 id="restore-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      {view.step === 'choose' || (view.step === 'sending' && !view.restoring) ? (
        <form className="stack" noValidate onSubmit={check} aria-labelledby="restore-heading">
          <div className="field">
            <label htmlFor="restore-file">{t('fileLabel')}</label>
            <span id="restore-file-hint" className="muted">{t('fileHint', { mib: MAX_MIB })}</span>
            <input
              ref={inputRef}
              id="restore-file"
              type="file"
              accept=".json,.gz,application/json,application/gzip"
              aria-describedby={missing ? 'restore-file-hint restore-file-error' : 'restore-file-hint'}
              aria-invalid={missing || undefined}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null)
                setMissing(false)
              }}
            />
            {missing ? <p id="restore-file-error" className="field-error" role="alert">{t('noFile')}</p> : null}
          </div>
          <div>
            <button type="submit" className="primary" disabled={busy}>{busy ? t('checking') : t('check')}</button>
          </div>
        </form>
      ) : null}

      <div role="status" aria-live="polite">
        {busy && view.restoring ? <p>{t('restoring')}</p> : null}
      </div>

      {summary && view.step !== 'sending' ? (
        <div ref={resultRef} tabIndex={-1} className="notice stack" aria-labelledby="restore-result-heading">
          <h3 id="restore-result-heading">
            {view.step === 'done' ? (view.outcome === 'restored' ? t('restored') : t('alreadyRestored')) : t('previewHeading')}
          </h3>
          <p>{t('fileFrom', { name: summary.name, version: summary.version, date: summary.exportedAt ? summary.exportedAt.slice(0, 10) : '—' })}</p>
          <ul>
            <li>{t('countStates', { n: summary.cardStates })}</li>
            <li>{t('countLog', { n: summary.logEntries, answers: summary.answers })}</li>
            <li>{t('countTalks', { n: summary.talks })}</li>
            <li>{t('countQuizzes', { n: summary.quizzes })}</li>
            <li>{summary.settings > 0 ? t('settingsIncluded') : t('settingsDefault')}</li>
            {summary.reading ? <li>{t('readingIncluded')}</li> : null}
          </ul>
          {view.step === 'preview' ? (
            <>
              <p>{t('confirmText')}</p>
              <div style={{ display: 'flex', gap: '.75rem', flexWrap: 'wrap' }}>
                <button type="button" className="primary" onClick={() => restore(view.summary)}>{t('confirm')}</button>
                <button type="button" onClick={startOver}>{t('chooseAnother')}</button>
              </div>
            </>
          ) : (
            <p><Link href="/">{t('toStudy')}</Link></p>
          )}
        </div>
      ) : null}

      {view.step === 'refused' ? (
        <div ref={resultRef} tabIndex={-1} className="form-error stack" role="alert">
          <p>{refusal(view.status, view.answer)}</p>
          {view.answer.problems?.length ? (
            <ul>
              {view.answer.problems.map((p, i) => (
                <li key={i}>{p.where ? <><code>{p.where}</code>: </> : null}{p.message}</li>
              ))}
            </ul>
          ) : null}
          <p>{t('nothingWritten')}</p>
          <button type="button" onClick={startOver}>{t('chooseAnother')}</button>
        </div>
      ) : null}
    </section>
    </>
  )
}
