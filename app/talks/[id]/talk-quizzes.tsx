import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { quizTalk } from '@/app/actions/quiz'
import type { TalkQuizzesData } from '@/app/page-data'
import { localDate } from '@/lib/core/study-day'
import { TALK_QUIZ_CARDS } from '@/lib/core/quiz'

/**
 * A talk page's quizzes (issue #31): "Quiz this talk" (its claims, weakest first) and the talk's quizzes so far, each
 * a link to its results (or to resume it) saying its date in the person's zone and "knew k of n claims" once finished.
 */
export async function TalkQuizzes({ talkId, claims, quizzes }: { talkId: string; claims: number; quizzes: TalkQuizzesData }) {
  const t = await getTranslations('talks')
  const { list, settings, hasOpen } = quizzes
  return (
    <section aria-labelledby="talk-quizzes-heading">
      <h2 id="talk-quizzes-heading">{t('quizzesHeading')}</h2>
      {claims > 0 ? (
        <form action={quizTalk} className="actions">
          <input type="hidden" name="talkId" value={talkId} />
          <button type="submit" className="primary" aria-describedby="quiz-talk-hint">{t('quizTalk')}</button>
          <p id="quiz-talk-hint" className="muted">
            {t('quizTalkHint', { count: TALK_QUIZ_CARDS })}
            {hasOpen ? <> {t('quizTalkReplaces')}</> : null}
          </p>
        </form>
      ) : null}
      {list.length === 0 ? (
        <p>{t('quizzesNone')}</p>
      ) : (
        <ul className="talk-quizzes" aria-label={t('quizzesCaption')}>
          {list.map((q) => {
            const date = localDate(new Date(q.startedAt), settings.timeZone)
            return (
              <li key={q.id}>
                {/* The whole line is the link: each quiz's link says which quiz it opens. */}
                <Link href={`/quiz/${q.id}`}>
                  <time dateTime={date}>{date}</time> ·{' '}
                  {q.finishedAt === null ? t('quizUnfinished', { answered: q.position, count: q.cardCount }) : t('quizKnew', { known: q.claimsKnown, count: q.claimsAsked })}
                </Link>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
