import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { quizData } from '@/app/page-data'
import { dropQuiz } from '@/app/actions/quiz'
import { QuizForm } from './quiz-form'
import { ClientMessages } from '@/app/ui/client-messages'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('quiz')
}

export default async function QuizPage() {
  const user = await requireUser('/quiz')
  const [{ open, choices: { sections, tags } }, t] = await Promise.all([quizData(user.id), getTranslations('quiz')])
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      {open ? (
        <section className="card-surface" aria-labelledby="open-quiz-heading">
          <h2 id="open-quiz-heading" style={{ marginTop: 0 }}>{t('openHeading')}</h2>
          <p>{t('openText', { answered: open.position, count: open.cardCount })}</p>
          <div className="actions">
            <Link className="button primary" href={`/quiz/${open.id}`}>{t('resume')}</Link>
            <form action={dropQuiz}>
              <input type="hidden" name="quizId" value={open.id} />
              <button type="submit" className="danger">{t('drop')}</button>
            </form>
          </div>
          <p className="muted">{t('replacesOpen')}</p>
        </section>
      ) : null}
      {/* The words its client components use come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['quiz']}>
        <QuizForm sections={sections} tags={tags} />
      </ClientMessages>
    </>
  )
}
