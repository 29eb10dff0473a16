import { getFormatter, getTranslations } from 'next-intl/server'
import { heatLevel, heatmapWeeks, type DayCount } from '@/lib/core/progress'
import { studyDayAsUtcDate, studyDayDate } from '@/lib/core/study-day'
import { escapeHtml } from '@/lib/core/cloze'

const CELL = 12 // px, drawn at its own size: a phone scrolls the year sideways rather than shrink it to 4 px cells
const GAP = 3
const STEP = CELL + GAP
const TOP = 16 // room for the month labels

/**
 * A year of answers as a calendar heatmap (weeks as columns, Monday at the top), plain SVG rendered on the server,
 * with a sentence and a table by month as its text alternative. Study-day dates are UTC-midnight dates: they are
 * formatted in UTC so the label is the day's own date whatever the server's zone.
 */
export async function Heatmap({ counts, today, id }: { counts: DayCount[]; today: number; id: string }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()])
  const weeks = heatmapWeeks(counts, today)
  const shown = weeks.flat().filter((c): c is DayCount => c !== null)
  const busiest = Math.max(0, ...shown.map((c) => c.reviews))
  const total = shown.reduce((n, c) => n + c.reviews, 0)
  const days = shown.filter((c) => c.reviews > 0).length
  const todayCount = shown.find((c) => c.studyDay === today)?.reviews ?? 0
  const dayLabel = (day: number) => format.dateTime(studyDayAsUtcDate(day), { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })
  const monthLabel = (day: number) => format.dateTime(studyDayAsUtcDate(day), { timeZone: 'UTC', month: 'short' })
  const months = new Map<string, { first: number; days: number; answers: number }>()
  for (const c of shown) {
    const key = studyDayDate(c.studyDay).slice(0, 7)
    const m = months.get(key) ?? { first: c.studyDay, days: 0, answers: 0 }
    if (c.reviews > 0) {
      m.days += 1
      m.answers += c.reviews
    }
    months.set(key, m)
  }
  const width = weeks.length * STEP
  const height = TOP + 7 * STEP
  // The year's cells as one string of SVG markup rather than React elements: about 1,100 elements (a rect and its
  // title a day), which the browser had to hydrate one by one and the page's payload to describe twice, for a
  // picture that never changes once drawn. Every text in it is escaped.
  const cellsMarkup = weeks
    .map((week, w) => {
      const first = week[0]!
      const startsMonth = w === 0 ? false : studyDayDate(first.studyDay).slice(0, 7) !== studyDayDate(weeks[w - 1]![0]!.studyDay).slice(0, 7)
      const label = startsMonth && w < weeks.length - 2 ? `<text x="${w * STEP}" y="${TOP - 4}" class="chart-label">${escapeHtml(monthLabel(first.studyDay))}</text>` : ''
      const cells = week.map((cell, d) => {
        if (!cell) return ''
        const level = `heat-${heatLevel(cell.reviews, busiest)}${cell.studyDay === today ? ' heat-today' : ''}`
        const title = escapeHtml(t('dayCell', { date: dayLabel(cell.studyDay), count: cell.reviews }))
        return `<rect x="${w * STEP}" y="${TOP + d * STEP}" width="${CELL}" height="${CELL}" rx="2" class="${level}" data-day="${studyDayDate(cell.studyDay)}"><title>${title}</title></rect>`
      })
      // The cells' titles are tooltips for a pointer; a screen reader reads the summary and the table instead.
      return `<g aria-hidden="true">${label}${cells.join('')}</g>`
    })
    .join('')
  return (
    <figure className="chart" aria-labelledby={`${id}-summary`}>
      {/* Focusable so that a keyboard can scroll it; named, as a region must be. */}
      <div className="heatmap-scroll" role="region" tabIndex={0} aria-label={t('heatmapRegion')}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-labelledby={`${id}-summary`}
          className="heatmap"
          dangerouslySetInnerHTML={{ __html: cellsMarkup }}
        />
      </div>
      <figcaption id={`${id}-summary`}>{t('heatmapSummary', { answers: total, days, today: todayCount })}</figcaption>
      <p className="heat-scale muted" aria-hidden="true">
        {t('less')} {[0, 1, 2, 3, 4].map((l) => <svg key={l} viewBox="0 0 10 10" width="10" height="10"><rect width="10" height="10" rx="2" className={`heat-${l}`} /></svg>)} {t('more')}
      </p>
      <details>
        <summary>{t('showTable')}</summary>
        <table>
          <caption className="sr-only">{t('heatmapHeading')}</caption>
          <thead>
            <tr><th scope="col">{t('month')}</th><th scope="col">{t('daysStudied')}</th><th scope="col">{t('answers')}</th></tr>
          </thead>
          <tbody>
            {[...months.values()].map((m) => (
              <tr key={m.first}>
                <th scope="row">{format.dateTime(studyDayAsUtcDate(m.first), { timeZone: 'UTC', year: 'numeric', month: 'long' })}</th>
                <td>{m.days}</td>
                <td>{m.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
