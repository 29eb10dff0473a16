'use server'
import { z } from 'zod'
import { revalidatePath } from 'next/cache'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { translator } from '@/lib/server/i18n'
import { parseForm } from '@/lib/server/form-action'
import { fsrsParameters, type ParametersView } from '@/lib/data/fsrs-parameters'
import { createOptimizer, type OptimizerStatus } from '@/lib/server/optimizer'
import type { AdoptResult, RestoreResult } from '@/lib/data/fsrs-parameters-service'

const optimizer = createOptimizer(fsrsParameters)

const PARAMETER_OPS = ['optimize', 'status', 'cancel', 'reset', 'restore'] as const

/** What the Settings page's FSRS panel shows after an operation (app/settings/fsrs-parameters-panel.tsx). */
export type ParametersState = {
  status: 'idle' | 'success' | 'error'
  message?: string
  /** The operation answered, and how reset or restore went. */
  op?: (typeof PARAMETER_OPS)[number]
  changed?: AdoptResult | RestoreResult
  view?: ParametersView
  optimizer?: OptimizerStatus
}

const schema = z.object({ op: z.enum(PARAMETER_OPS, { error: 'errors.formMalformed' }) })

/**
 * The FSRS panel's one action: start "Optimize" (it runs in a worker; the panel polls with `status`), cancel it,
 * reset the parameters to the defaults, or restore the previous ones. Answers the panel's data anew, except to a poll while
 * the fit runs.
 */
export async function fsrsParametersAction(_prev: ParametersState, form: FormData): Promise<ParametersState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: (await translator())('errors.signedOutSettings') }
  const parsed = await parseForm(schema, form)
  if (!parsed.ok) return { status: 'error', message: parsed.state.message ?? (await translator())('errors.formMalformed') }
  const { op } = parsed.data
  const now = await requestNow()
  let changed: ParametersState['changed']
  // What the optimizer says after this operation; "busy" only comes from a start (another person's fit runs).
  let status: OptimizerStatus | undefined
  if (op === 'optimize') {
    // The run's "now" is its end's: the kept weights are dated when written (requestNow's test clock is this request's).
    const startedAtMs = Date.now()
    status = (await optimizer.start(user.id, () => new Date(now.getTime() + (Date.now() - startedAtMs)))).status
  } else if (op === 'cancel') {
    optimizer.cancel(user.id)
  } else if (op === 'reset') {
    changed = await fsrsParameters.resetToDefaults(user.id, now)
  } else if (op === 'restore') {
    changed = await fsrsParameters.restore(user.id, now)
  }
  if (changed) revalidatePath('/', 'layout')
  const optimizerNow = status ?? optimizer.status(user.id)
  // A poll while the fit runs (every second) changes nothing the view shows: the panel's last view is answered back
  // instead of reading the whole log again; the poll that sees the run ended reads it anew (the weights may be new).
  const view = op === 'status' && optimizerNow.kind === 'running' && _prev.view ? _prev.view : await fsrsParameters.view(user.id)
  return { status: 'success', op, ...(changed ? { changed } : {}), view, optimizer: optimizerNow }
}
