import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { navPageTitle } from '@/lib/server/i18n'
import { getSettings } from '@/lib/data/settings'
import { quiz, type ClaimOutcome, type QuizView } from '@/lib/data/quiz'
import { textLang, type TitlePart } from '@/lib/core/display-language'
import { dropQuiz, quizMissedAgain } from '@/app/actions/quiz'
import { QuizSession } from '../quiz-session'
import { QuizEndAnnouncement } from '../quiz-end'
import { ClientMessages } from '@/app/ui/client-messages'

type Props = { params: Promise<{ id: string }> }

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('quiz')
}

export default async function QuizRunPage({ params }: Props) {
  const { id } = await params
  const user = await requireUser(`/quiz/${encodeURIComponent(id)}`)
  const view = /^[0-9a-f-]{36}$/i.test(id) ? await quiz.view(user.id, id) : null
  if (!view) notFound()
  const [settings, t, now] = await Promise.all([getSettings(user.id), getTranslations('quiz'), requestNow()])
  const titleLang = textLang(settings.displayLanguage)
  if (!view.results) {
    return (
      <div className="review">
        <h1 className="sr-only">{t('heading')}</h1>
        {/* The words its client components use come with this page only (i18n/client-namespaces.ts). */}
        <ClientMessages namespaces={['quiz', 'review', 'claim']}>
          <QuizSession key={`${view.id}:${view.position}`} quiz={view} sectionTitleLang={titleLang} serverNow={now.toISOString()} />
        </ClientMessages>
        <form action={dropQuiz} className="actions">
          <input type="hidden" name="quizId" value={view.id} />
          <button type="submit" className="link-button">{t('drop')}</button>
        </form>
      </div>
    )
  }
  return <QuizResultsView quiz={view} titleLang={titleLang} />
}

async function QuizResultsView({ quiz: view, titleLang }: { quiz: QuizView; titleLang: TitlePart['lang'] | undefined }) {
  const [t, tReview] = await Promise.all([getTranslations('quiz'), getTranslations('review')])
  const { known, missed } = view.results!
  const claimItem = (c: ClaimOutcome) => (
    <li key={c.claimId}>
      <span dangerouslySetInnerHTML={{ __html: c.claimHtml }} />
      <p className="muted" style={{ margin: '.25rem 0 0' }}>
        <Link href={`/sections/${c.sectionId}?deck=${encodeURIComponent(c.deckId)}#${c.claimId}`}>
          {tReview.rich('sectionLink', { id: c.sectionId, title: () => <span lang={titleLang}>{c.sectionTitle}</span> })}
        </Link>{' '}
        · {t('cardsAsked', { count: c.cardsAsked })}
      </p>
    </li>
  )
  return (
    <>
      <h1 id="quiz-results-heading" tabIndex={-1}>{t('resultsHeading')}</h1>
      <p>{t('summary', { known: known.length, total: known.length + missed.length })}</p>
      <QuizEndAnnouncement quizId={view.id} headingId="quiz-results-heading" text={t('announceEnd', { known: known.length, total: known.length + missed.length })} />
      <p className="muted">{view.countAsReviews ? t('countedNote') : t('practiceNote')}</p>
      <div className="actions">
        {missed.length > 0 ? (
          <form action={quizMissedAgain}>
            <input type="hidden" name="quizId" value={view.id} />
            <button type="submit" className="primary">{t('again')}</button>
          </form>
        ) : null}
        <Link className="button" href="/quiz">{t('newQuiz')}</Link>
      </div>
      <section aria-labelledby="missed-heading">
        <h2 id="missed-heading">{t('missedHeading', { count: missed.length })}</h2>
        {missed.length > 0 ? <ul className="results-list">{missed.map(claimItem)}</ul> : <p>{t('missedNone')}</p>}
      </section>
      {known.length > 0 ? (
        <section aria-labelledby="known-heading">
          <h2 id="known-heading">{t('knownHeading', { count: known.length })}</h2>
          <ul className="results-list">{known.map(claimItem)}</ul>
        </section>
      ) : null}
    </>
  )
}
