import Link from 'next/link'
import { useTranslations } from 'next-intl'
import type { DayEstimate } from '@/lib/core/day-estimate'

/**
 * A newcomer's home (nothing to count yet): what a day looks like, from their settings, and the way to the first
 * review, in place of tiles of zeros.
 */
export function NewcomerDay({ estimate }: { estimate: DayEstimate }) {
  const t = useTranslations('home')
  const settings = (chunks: React.ReactNode) => <Link href="/settings">{chunks}</Link>
  return (
    <section aria-labelledby="newcomer-heading" className="card-surface">
      <h2 id="newcomer-heading" style={{ marginTop: 0 }}>{t('newcomerHeading')}</h2>
      {estimate.newCards > 0 ? (
        <>
          <p className="lead">
            {t('newcomerDay', { newCards: estimate.newCards, perCard: estimate.answersPerCard, answers: estimate.answers, minutes: estimate.minutes })}
          </p>
          <p className="muted">{t.rich('newcomerBasis', { seconds: estimate.secondsPerAnswer, settings })}</p>
          <Link className="button primary" href="/review">{t('startFirstReview')}</Link>
        </>
      ) : (
        <p>{t.rich('newcomerNoNew', { settings })}</p>
      )}
    </section>
  )
}
