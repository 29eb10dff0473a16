import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { pageTitle } from '@/lib/server/i18n'
import { deleteTalk } from '@/app/actions/talks'
import { TalkForm } from '../talk-form'
import { talkData } from '@/app/page-data'
import { ClientMessages } from '@/app/ui/client-messages'
import { Countdown } from '../countdown'
import { emptyTodayNotice } from '@/lib/core/talk'
import { LangText } from '@/app/ui/lang-text'
import { ownTalk } from '../view'
import { ClaimRecallText, percent } from '@/app/ui/recall'
import { requireUser } from '@/lib/server/session'
import { TalkQuizzes } from './talk-quizzes'

/** The message for each case of an empty day (the catalogue's keys named here, where the page's translations are). */
const EMPTY_TODAY = { todayNothing: 'todayNothing', talkDayBegun: 'talkDayBegun', noDaysLeft: 'noDaysLeft' } as const satisfies Record<ReturnType<typeof emptyTodayNotice>, string>

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('talks'))('heading'))
}

export default async function TalkPage({ params }: Props) {
  const { id } = await params
  const here = `/talks/${encodeURIComponent(id)}`
  const [view, user] = await Promise.all([ownTalk(id, here), requireUser(here)])
  const [t, { choices, quizzes }] = await Promise.all([getTranslations('talks'), talkData(user.id, view)])
  const { talk, plan } = view
  const claims = view.sections.flatMap((s) => s.claims)
  const unreachable = claims.filter((c) => !c.reaches)
  const todayPart = plan.days[0]
  return (
    <>
      <h1>{talk.title}</h1>
      <p className="lead">
        <time dateTime={talk.date}>{talk.date}</time> · <Countdown daysLeft={view.daysLeft} />
      </p>
      <ul className="counts">
        <li>{t('claimsInScope', { count: claims.length })}</li>
        <li>{t('belowTarget', { count: view.belowTarget, target: percent(view.target) })}</li>
        <li>{view.reviewsPerDay === null ? t('noCap', { seconds: view.secondsPerCard }) : t('cap', { count: view.reviewsPerDay, minutes: talk.minutesPerDay!, seconds: view.secondsPerCard })}</li>
      </ul>
      <p>
        <Link href={`/talks/${talk.id}/summary`}>{t('summaryLink')}</Link>
      </p>

      <section aria-labelledby="today-part-heading">
        <h2 id="today-part-heading">{t('todayHeading')}</h2>
        {todayPart && todayPart.answers > 0 ? (
          <>
            <p>{t('todayPart', { due: todayPart.dueCards.length, planned: todayPart.plannedCards.length, answers: todayPart.answers })}</p>
            <Link className="button primary" href="/review">{t('reviewNow')}</Link>
          </>
        ) : (
          <p className="notice">{t(EMPTY_TODAY[emptyTodayNotice(view.talkDay, view.today, view.daysLeft)])}</p>
        )}
        <p className="muted">{t('answeredToday', { count: view.answeredToday })}</p>
      </section>

      <TalkQuizzes talkId={talk.id} claims={claims.length} quizzes={quizzes} />

      <section aria-labelledby="unreachable-heading">
        <h2 id="unreachable-heading">{t('unreachableHeading')}</h2>
        {unreachable.length === 0 ? (
          <p>{t('allReach', { target: percent(view.target) })}</p>
        ) : (
          <>
            <p className="form-error">{t('unreachableText', { count: unreachable.length, target: percent(view.target) })}</p>
            <ul>
              {unreachable.map((c) => (
                <li key={c.claimId}>
                  <span dangerouslySetInnerHTML={{ __html: c.claimHtml }} /> <span className="muted">({percent(c.withPlan)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('planHeading')}</h2>
        <p className="muted">{t('planAssumption', { busiest: plan.busiestDayAnswers, total: plan.totalAnswers })}</p>
        {plan.days.length === 0 ? (
          <p>{t(EMPTY_TODAY[emptyTodayNotice(view.talkDay, view.today, view.daysLeft)])}</p>
        ) : (
          <div className="table-scroll">
            <table className="plan-table">
              <caption className="sr-only">{t('planCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colDay')}</th>
                  <th scope="col">{t('colDue')}</th>
                  <th scope="col">{t('colPlanned')}</th>
                  <th scope="col">{t('colAnswers')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.days.map((d) => (
                  <tr key={d.day} aria-current={d.day === view.today ? 'date' : undefined}>
                    <th scope="row">
                      <time dateTime={view.dateOfDay(d.day)}>{view.dateOfDay(d.day)}</time>
                      {d.day === view.today ? <> ({t('today')})</> : null}
                    </th>
                    <td>{d.dueCards.length}</td>
                    <td>{d.plannedCards.length}</td>
                    <td>
                      {d.answers}
                      {d.overCap ? <> · {t('overCap')}</> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">{t('claimsHeading')}</h2>
        <p className="muted">{t('claimsHint')}</p>
        {view.sections.map((s) => (
          <section key={`${s.deckId}/${s.sectionId}`} aria-labelledby={`talk-section-${s.sectionId}`}>
            <h3 id={`talk-section-${s.sectionId}`}>
              {s.sectionId}. <LangText en={s.title.en} zh={s.title.zh} lang={view.language} />
            </h3>
            <ul className="talk-claims">
              {s.claims.map((c) => (
                <li key={c.claimId}>
                  <span dangerouslySetInnerHTML={{ __html: c.claimHtml }} />{' '}
                  <span className={c.weak ? 'badge weak' : 'badge'}>
                    <ClaimRecallText recall={c.now} /> ·{' '}
                    {c.withoutPlan === null ? t('forecastNew', { with: percent(c.withPlan) }) : t('forecast', { without: percent(c.withoutPlan), with: percent(c.withPlan) })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="change-heading">
        <h2 id="change-heading">{t('changeHeading')}</h2>
        {/* The form's words come with the talks' pages only (i18n/client-namespaces.ts). */}
        <ClientMessages namespaces={['talks']}>
          <TalkForm sections={choices.sections} tags={choices.tags} initial={talk} minDate={view.todayDate} />
        </ClientMessages>
        <form action={deleteTalk} className="actions">
          <input type="hidden" name="talkId" value={talk.id} />
          <button type="submit" className="danger">{t('delete')}</button>
        </form>
      </section>
    </>
  )
}
