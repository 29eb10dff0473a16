import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { navPageTitle } from '@/lib/server/i18n'
import { progress } from '@/lib/data/progress'
import type { Retention } from '@/lib/core/progress'
import { MATURE_INTERVAL_DAYS, type RetentionCell, type RetentionPeriod } from '@/lib/core/true-retention'
import { Heatmap } from '@/app/ui/charts/heatmap'
import { DayBars } from '@/app/ui/charts/bar-chart'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('statistics')
}

const PERIOD_KEYS = {
  today: 'periodToday',
  yesterday: 'periodYesterday',
  week: 'periodWeek',
  month: 'periodMonth',
  year: 'periodYear',
} as const satisfies Record<RetentionPeriod, string>

export default async function StatisticsPage() {
  const user = await requireUser('/statistics')
  const now = await requestNow()
  const [stats, t] = await Promise.all([progress.statistics(user.id, now), getTranslations('stats')])
  const forecastDays = stats.forecast.map((_, i) => stats.today + i)
  const minutes = stats.recent.map((r) => r.durationMs / 60_000)
  const retentionLine = (days: number, r: Retention) =>
    r.rate === null
      ? t('retentionNone', { days })
      : t.rich('retentionLine', { days, rate: r.rate, passed: r.passed, answered: r.answered, b: (chunks) => <strong>{chunks}</strong> })
  const retentionCell = (c: RetentionCell) =>
    c.rate === null ? t('retentionCellNone') : t('retentionCell', { rate: c.rate, passed: c.passed, answered: c.passed + c.failed })
  return (
    <>
      <h1>{t('heading')}</h1>
      <section aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">{t('heatmapHeading')}</h2>
        <Heatmap id="heatmap" counts={stats.yearCounts} today={stats.today} />
      </section>

      <section aria-labelledby="streak-heading">
        <h2 id="streak-heading">{t('streakHeading')}</h2>
        <ul className="counts">
          <li>{t('streakCurrent', { count: stats.streaks.currentDays })}</li>
          <li>{t('streakLongest', { count: stats.streaks.longestDays })}</li>
        </ul>
      </section>

      <section aria-labelledby="retention-heading">
        <h2 id="retention-heading">{t('retentionHeading')}</h2>
        <p>{t('retentionIntro', { target: stats.desiredRetention })}</p>
        <ul>
          <li>{retentionLine(7, stats.retention7)}</li>
          <li>{retentionLine(30, stats.retention30)}</li>
        </ul>
        <p id="true-retention-intro">{t('trueRetentionIntro', { matureDays: MATURE_INTERVAL_DAYS })}</p>
        <div className="table-scroll" role="region" aria-label={t('trueRetentionCaption')} tabIndex={0}>
          <table aria-describedby="true-retention-intro">
            <caption>{t('trueRetentionCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('young')}</th>
                <th scope="col">{t('mature')}</th>
                <th scope="col">{t('allCards')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.trueRetention.map((row) => (
                <tr key={row.period}>
                  <th scope="row">{t(PERIOD_KEYS[row.period])}</th>
                  <td>{retentionCell(row.young)}</td>
                  <td>{retentionCell(row.mature)}</td>
                  <td>{retentionCell(row.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="forecast-heading">
        <h2 id="forecast-heading">{t('forecastHeading')}</h2>
        <DayBars
          id="forecast"
          days={forecastDays}
          values={stats.forecast}
          summary={t('forecastSummary', { total: stats.forecast.reduce((a, b) => a + b, 0), today: stats.forecast[0] ?? 0 })}
          valueHeading={t('due')}
          label={(v) => String(v)}
        />
      </section>

      <section aria-labelledby="states-heading">
        <h2 id="states-heading">{t('statesHeading')}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t('cardState')}</th><th scope="col">{t('cards')}</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row">{t('stateNew')}</th><td>{stats.states.new}</td></tr>
            <tr><th scope="row">{t('stateLearning')}</th><td>{stats.states.learning}</td></tr>
            <tr><th scope="row">{t('stateReview')}</th><td>{stats.states.review}</td></tr>
            <tr><th scope="row">{t('stateRelearning')}</th><td>{stats.states.relearning}</td></tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">{t('minutesHeading')}</h2>
        <DayBars
          id="minutes"
          days={stats.recent.map((r) => r.studyDay)}
          values={minutes}
          summary={t('minutesSummary', { minutes: minutes.reduce((a, b) => a + b, 0) })}
          valueHeading={t('minutes')}
          label={(v) => t('minutesValue', { minutes: v })}
        />
      </section>
    </>
  )
}
