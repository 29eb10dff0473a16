'use client'
import { startTransition, useActionState, useEffect } from 'react'
import { useFormatter, useTranslations } from 'next-intl'
import { fsrsParametersAction, type ParametersState } from '@/app/actions/fsrs-parameters'
import type { ParametersView } from '@/lib/data/fsrs-parameters-service'
import type { OptimizeOutcome, OptimizerStatus } from '@/lib/server/optimizer'

/** How often the panel asks how far a running fit is. */
const POLL_MS = 1000

const figure = (n: number) => n.toFixed(4)

/** Each phase of a running fit, as its message's key. */
const PHASE_TEXT = { starting: 'starting', fitting: 'fitting', evaluating: 'evaluating' } as const

/**
 * Settings → Scheduling → FSRS parameters (issue #35): the weights in use and how they were fitted, "Optimize" with its
 * progress and Cancel, the outcome (both sets' log loss and RMSE, kept or not and why), "Reset to defaults" and
 * "Restore previous parameters". Works without script too (each button posts the form; the page then shows the state).
 */
export function FsrsParametersPanel({ view: initialView, status: initialStatus }: { view: ParametersView; status: OptimizerStatus }) {
  const [state, action, pending] = useActionState<ParametersState, FormData>(fsrsParametersAction, { status: 'idle' })
  const t = useTranslations('fsrs')
  const format = useFormatter()
  const view = state.view ?? initialView
  const status = state.optimizer ?? initialStatus
  const running = status.kind === 'running'

  // While a fit runs, ask again after each answer (never two questions at once).
  useEffect(() => {
    if (!running || pending) return
    const timer = setTimeout(() => {
      const form = new FormData()
      form.set('op', 'status')
      startTransition(() => action(form))
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [running, pending, state, action])

  const outcomeText = (outcome: OptimizeOutcome): string => {
    switch (outcome.kind) {
      case 'too-few':
        return t('tooFew', { items: outcome.readiness.items, more: outcome.readiness.kind === 'too-few' ? outcome.readiness.more : 0 })
      case 'kept':
        return t('kept', { items: outcome.items, cards: outcome.cards, ...figures(outcome) })
      case 'not-better':
        return t('notBetter', { items: outcome.items, ...figures(outcome) })
      case 'changed-meanwhile':
        return t('changedMeanwhile')
      case 'cancelled':
        return t('cancelled')
      case 'failed':
        return t('failed')
    }
  }
  let message: string | null = null
  if (state.status === 'error') message = state.message ?? null
  else if (state.changed) {
    const c = state.changed
    message =
      c.kind === 'saved' ? t('resetDone', { cards: c.cards })
      : c.kind === 'restored' ? t('restored', { cards: c.cards })
      : c.kind === 'answered-since' ? t('answeredSince')
      : c.kind === 'changed-meanwhile' ? t('changedMeanwhile')
      : t('nothingToRestore')
  } else if (status.kind === 'busy') message = t(status.ownCancelled ? 'busyOwnCancelled' : 'busy')
  else if (status.kind === 'idle' && status.outcome) message = outcomeText(status.outcome)

  const readiness = view.readiness
  return (
    <section className="stack" aria-labelledby="fsrs-heading">
      <h2 id="fsrs-heading">{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <p>
        {view.custom && view.fit
          ? t('inUseFitted', { date: format.dateTime(new Date(view.fit.atMs), { dateStyle: 'medium' }), items: view.fit.items, ...figures(view.fit) })
          : view.custom
            ? t('inUseCustom')
            : t('inUseDefault')}
      </p>
      <p id="fsrs-readiness">
        {readiness.kind === 'too-few'
          ? t('tooFew', { items: readiness.items, more: readiness.more })
          : readiness.kind === 'first-stabilities-only'
            ? t('firstStabilitiesOnly', { items: readiness.items, more: readiness.moreForAll })
            : t('enough', { items: readiness.items })}
      </p>
      <form action={action} className="actions">
        {running ? (
          <button type="submit" name="op" value="cancel" disabled={pending && !running}>
            {t('cancel')}
          </button>
        ) : (
          <button type="submit" name="op" value="optimize" className="primary" disabled={pending} aria-describedby="fsrs-readiness">
            {t('optimize')}
          </button>
        )}
        <button type="submit" name="op" value="reset" disabled={pending || running || !view.custom}>
          {t('reset')}
        </button>
        {view.canRestore ? (
          <button type="submit" name="op" value="restore" disabled={pending || running}>
            {t('restore')}
          </button>
        ) : null}
      </form>
      {running ? (
        <div className="stack">
          {/* No percentage: fsrs-rs reports none while it fits (lib/server/optimize-job.ts); the phase and a busy bar. */}
          <label htmlFor="fsrs-progress">{t(PHASE_TEXT[status.progress.phase])}</label>
          <progress id="fsrs-progress" />
        </div>
      ) : null}
      {/* Always present, so each outcome is read when it appears (a region inserted with its text is not reliably read). */}
      <p role="status" aria-live="polite">
        {message}
      </p>
      <details>
        <summary>{t('weightsSummary')}</summary>
        <ol className="weights" aria-label={t('weightsLabel')}>
          {view.weights.map((w, i) => (
            <li key={i} value={i}>
              <code>{w.toFixed(4)}</code>
            </li>
          ))}
        </ol>
      </details>
    </section>
  )
}

function figures(f: { before: { logLoss: number; rmseBins: number }; after: { logLoss: number; rmseBins: number } }) {
  return { logLossBefore: figure(f.before.logLoss), logLossAfter: figure(f.after.logLoss), rmseBefore: figure(f.before.rmseBins), rmseAfter: figure(f.after.rmseBins) }
}
