import type { ReactNode } from 'react'
import { getFormatter, getTranslations } from 'next-intl/server'
import { studyDayAsUtcDate } from '@/lib/core/study-day'
import { escapeHtml } from '@/lib/core/cloze'

const BAR = 16
const GAP = 4
const HEIGHT = 100
const BOTTOM = 16 // room for the first and last bar's labels

/**
 * Values as bars, plain SVG rendered on the server: `summary` is its sentence and `table` (in <details>) its full
 * text alternative. `names` name each bar (a tooltip for a pointer; a screen reader reads the summary and the
 * table), `label` words a value ("3", "2.5"). `marked`: the index of a bar drawn apart (the best of a choice), with
 * `markText` above it.
 */
export async function Bars({ id, names, values, summary, label, table, marked, markText }: {
  id: string
  names: string[]
  values: number[]
  summary: string
  label: (value: number) => string
  table: ReactNode
  marked?: number | undefined
  markText?: string | undefined
}) {
  const t = await getTranslations('stats')
  const max = Math.max(0, ...values)
  const width = names.length * (BAR + GAP)
  const heights = values.map((v) => (max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * (HEIGHT - (marked === undefined ? 12 : 24))) : 0))
  // The bars as one string of SVG markup, not React elements: a picture that never changes once drawn, which the
  // browser then need not hydrate element by element (as the heatmap, app/ui/charts/heatmap.tsx). Texts are escaped.
  const text = (x: number, y: number, words: string, extra = '') => `<text x="${x}" y="${y}"${extra} class="chart-label">${escapeHtml(words)}</text>`
  const barsMarkup = [
    // The bars' titles are tooltips for a pointer; a screen reader reads the summary and the table instead.
    '<g aria-hidden="true">',
    `<line x1="0" x2="${width}" y1="${HEIGHT}" y2="${HEIGHT}" class="chart-axis"></line>`,
    ...values.map((v, i) => `<rect x="${i * (BAR + GAP)}" y="${HEIGHT - heights[i]!}" width="${BAR}" height="${heights[i]!}" class="${i === marked ? 'bar bar-marked' : 'bar'}"><title>${escapeHtml(t('barCell', { date: names[i]!, value: label(v) }))}</title></rect>`),
    max > 0 ? text(0, 10, label(max)) : '',
    marked !== undefined && markText
      ? `<text x="${marked * (BAR + GAP) + BAR / 2}" y="${HEIGHT - heights[marked]! - 4}" text-anchor="middle" class="chart-label chart-mark">${escapeHtml(markText)}</text>`
      : '',
    text(0, HEIGHT + 13, names[0] ?? ''),
    text(width, HEIGHT + 13, names.at(-1) ?? '', ' text-anchor="end"'),
    '</g>',
  ].join('')
  return (
    <figure className="chart" aria-labelledby={`${id}-summary`}>
      <svg viewBox={`0 0 ${width} ${HEIGHT + BOTTOM}`} role="img" aria-labelledby={`${id}-summary`} className="bars" dangerouslySetInnerHTML={{ __html: barsMarkup }} />
      <figcaption id={`${id}-summary`}>{summary}</figcaption>
      <details>
        <summary>{t('showTable')}</summary>
        {table}
      </details>
    </figure>
  )
}

/** One value per study day as bars (Bars), its table a row per day. */
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
  const table = (
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
  )
  return <Bars id={id} names={days.map(dayLabel)} values={values} summary={summary} label={label} table={table} />
}
