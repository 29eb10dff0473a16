import { getFormatter, getTranslations } from 'next-intl/server'
import { Bars } from '@/app/ui/charts/bar-chart'
import { helpMeDecide, type Decision } from '@/lib/server/decide'

/** The empty GET form the "Help me decide" button submits (it sits inside the settings form, which a form cannot). */
export const DECIDE_FORM_ID = 'help-me-decide-form'
const SECTION_ID = 'help-me-decide'

/** Rendered by the settings page outside its form: asks for /settings?decide=1, opened at the chart. */
export function HelpMeDecideForm() {
  return <form id={DECIDE_FORM_ID} method="get" action={`/settings#${SECTION_ID}`} hidden />
}

/**
 * "Help me decide" beside the desired retention (issue #35): the button, and once asked (`requested`), the expected
 * workload at each retention from 0.70 to 0.97 over the next year — a server-drawn bar chart of minutes a day with the
 * cheapest retention per card remembered marked, and its table as the text alternative (lib/core/workload.ts).
 */
export async function HelpMeDecide({ userId, now, requested }: { userId: string; now: Date; requested: boolean }) {
  const t = await getTranslations('decide')
  let decision: Decision | null = null
  let failed = false
  if (requested) {
    try {
      decision = await helpMeDecide(userId, now)
    } catch (err) {
      console.error(err)
      failed = true
    }
  }
  return (
    <div className="stack">
      <div className="field">
        <button type="submit" form={DECIDE_FORM_ID} name="decide" value="1" aria-describedby="help-me-decide-hint">{t('button')}</button>
        <span id="help-me-decide-hint" className="muted">{t('buttonHint')}</span>
      </div>
      {requested ? (
        <section id={SECTION_ID} aria-labelledby="help-me-decide-heading" tabIndex={-1}>
          <h2 id="help-me-decide-heading">{t('heading')}</h2>
          {failed ? <p role="alert">{t('failed')}</p> : decision ? <DecisionChart decision={decision} /> : null}
        </section>
      ) : null}
    </div>
  )
}

async function DecisionChart({ decision }: { decision: Decision }) {
  const [t, format] = await Promise.all([getTranslations('decide'), getFormatter()])
  const { rows, best, desiredRetention } = decision
  const retentionText = (r: number) => format.number(r, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const one = (x: number) => format.number(x, { maximumFractionDigits: 1 })
  if (best === null) return <p>{t('nothingToSimulate')}</p>
  const bestRow = rows.find((r) => r.retention === best)!
  // The setting's own row: the nearest simulated retention (the setting has two decimals, as the rows).
  const current = rows.reduce((a, r) => (Math.abs(r.retention - desiredRetention) < Math.abs(a.retention - desiredRetention) ? r : a))
  const summary = t('summary', {
    days: decision.days,
    best: retentionText(best),
    answers: one(bestRow.answersPerDay),
    minutes: one(bestRow.minutesPerDay),
    current: retentionText(current.retention),
    currentAnswers: one(current.answersPerDay),
    currentMinutes: one(current.minutesPerDay),
  })
  const table = (
    <div className="table-scroll" role="region" aria-label={t('tableLabel')} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('retention')}</th>
            <th scope="col">{t('answersPerDay')}</th>
            <th scope="col">{t('minutesPerDay')}</th>
            <th scope="col">{t('remembered')}</th>
            <th scope="col">{t('costPerCard')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.retention} className={r.retention === best ? 'row-marked' : undefined}>
              <th scope="row">
                {retentionText(r.retention)}
                {r.retention === best ? <> <strong>{t('bestMark')}</strong></> : null}
                {r === current ? <> {t('currentMark')}</> : null}
              </th>
              <td>{one(r.answersPerDay)}</td>
              <td>{one(r.minutesPerDay)}</td>
              <td>{format.number(r.rememberedAtEnd, { maximumFractionDigits: 0 })}</td>
              <td>{format.number(r.secondsPerCardRemembered, { maximumFractionDigits: 0 })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return (
    <>
      <Bars
        id="decide-chart"
        names={rows.map((r) => retentionText(r.retention))}
        values={rows.map((r) => r.minutesPerDay)}
        summary={summary}
        label={(v) => t('minutesValue', { minutes: v })}
        table={table}
        marked={rows.indexOf(bestRow)}
        markText={t('chartMark')}
      />
      <p className="muted">{t('note')}</p>
    </>
  )
}
