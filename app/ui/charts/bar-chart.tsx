import { getFormatter, getTranslations } from 'next-intl/server'
import { studyDayAsUtcDate } from '@/lib/core/study-day'

const BAR = 16
const GAP = 4
const HEIGHT = 100
const BOTTOM = 16 // room for the first and last day's labels

/**
 * One value per study day as bars, plain SVG rendered on the server; `summary` is its sentence and the table in
 * <details> its full text alternative. `label` words a value ("3", "2.5").
 */
export async function DayBars({ id, days, values, summary, valueHeading, label }: {
  id: string
  days: number[]
  values: number[]
  summary: string
  valueHeading: string
  label: (value: number) => string
}) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()])
  const dayLabel = (day: number) => format.dateTime(studyDayAsUtcDate(day), { timeZone: 'UTC', month: 'short', day: 'numeric' })
  const max = Math.max(0, ...values)
  const width = days.length * (BAR + GAP)
  return (
    <figure className="chart" aria-labelledby={`${id}-summary`}>
      <svg viewBox={`0 0 ${width} ${HEIGHT + BOTTOM}`} role="img" aria-labelledby={`${id}-summary`} className="bars">
        {/* The bars' titles are tooltips for a pointer; a screen reader reads the summary and the table instead. */}
        <g aria-hidden="true">
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="chart-axis" />
        {values.map((v, i) => {
          const h = max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * (HEIGHT - 12)) : 0
          return (
            <rect key={i} x={i * (BAR + GAP)} y={HEIGHT - h} width={BAR} height={h} className="bar">
              <title>{t('barCell', { date: dayLabel(days[i]!), value: label(v) })}</title>
            </rect>
          )
        })}
        {max > 0 ? <text x={0} y={10} className="chart-label">{label(max)}</text> : null}
        <text x={0} y={HEIGHT + 13} className="chart-label">{dayLabel(days[0]!)}</text>
        <text x={width} y={HEIGHT + 13} textAnchor="end" className="chart-label">{dayLabel(days.at(-1)!)}</text>
        </g>
      </svg>
      <figcaption id={`${id}-summary`}>{summary}</figcaption>
      <details>
        <summary>{t('showTable')}</summary>
        <table>
          <thead>
            <tr><th scope="col">{t('day')}</th><th scope="col">{valueHeading}</th></tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}><th scope="row">{dayLabel(d)}</th><td>{label(values[i]!)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
