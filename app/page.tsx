import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { homeData } from './page-data'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { languageFor } from '@/lib/server/display-language'
import { DueTime } from './ui/due-time'
import { LangText } from './ui/lang-text'
import { Speakers } from './ui/speakers'
import { SectionList } from './ui/section-list'
import { NewcomerDay } from './ui/newcomer-day'
import { dayEstimate, nothingToCount } from '@/lib/core/day-estimate'
import { Countdown } from './talks/countdown'
import { readingHref } from '@/lib/core/reading'

export default async function HomePage() {
  const user = await currentUser()
  const now = await requestNow()
  const [{ config, decks, counts, mine, talk, readingSections, readingAt }, t, tDeck, tStudy, tReader] = await Promise.all([
    homeData(user?.id ?? null, now),
    getTranslations('home'),
    getTranslations('deck'),
    getTranslations('study'),
    getTranslations('reader'),
  ])
  const settings = config?.settings ?? DEFAULT_SETTINGS
  // A visitor reading in Chinese sees the deck's words in Chinese too (pageLanguage).
  const lang = await languageFor(config?.settings.displayLanguage)
  const dueNow = counts ? counts.new + counts.learning + counts.review : 0
  const talkToday = talk?.plan.days[0]
  const talkLeft = talkToday ? talkToday.dueCards.length + talkToday.plannedCards.length : 0
  const n = (chunks: React.ReactNode) => <span className="n">{chunks}</span>
  // Someone with nothing to count yet is told what a day looks like instead of seeing tiles of zeros.
  const newcomer = counts && mine && nothingToCount(counts, mine.learned) ? dayEstimate(settings, counts.new) : null
  return (
    <>
      <h1>{user ? t('greeting', { name: user.name }) : t('pitchHeading')}</h1>
      {counts && mine && !newcomer ? (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading" className="sr-only">{t('progressHeading')}</h2>
          <ul className="counts lead-counts">
            <li>{t.rich('learned', { learned: mine.learned, total: mine.total, n })}</li>
            <li>{t.rich('dueToday', { count: counts.learning + counts.review, n })}</li>
            <li>{t.rich('streak', { count: mine.streaks.currentDays, n })}</li>
          </ul>
          <p><Link href="/progress">{t('seeMap')}</Link></p>
        </section>
      ) : null}
      {talk ? (
        <section aria-labelledby="talk-heading" className="card-surface">
          <h2 id="talk-heading" style={{ marginTop: 0 }}>{t('talkHeading')}</h2>
          <p className="lead">
            {t.rich('talkCountdown', { title: () => <Link href={`/talks/${talk.talk.id}`}>{talk.talk.title}</Link>, when: talk.talk.date })} · <Countdown daysLeft={talk.daysLeft} />
          </p>
          <p>{t('talkToday', { left: talkLeft, answered: talk.answeredToday })}</p>
          <p>{t('talkReach', { count: talk.plan.unreachable.length })}</p>
          {/* Planned cards are in today's counts below too (the queue gives them); this way leads to them as well. */}
          {talkLeft > 0 ? <Link className="button" href="/review">{t('startReview')}</Link> : null}
        </section>
      ) : null}
      {newcomer ? <NewcomerDay estimate={newcomer} /> : counts ? (
        <section aria-labelledby="today-heading">
          <h2 id="today-heading" className="sr-only">{t('todayHeading')}</h2>
          <ul className="counts">
            <li>{t.rich('countNew', { count: counts.new, n })}</li>
            <li>{t.rich('countLearning', { count: counts.learning, n })}</li>
            <li>{t.rich('countReview', { count: counts.review, n })}</li>
          </ul>
          {dueNow > 0 ? (
            <Link className="button primary" href="/review">{t('startReview')}</Link>
          ) : (
            <p className="notice">
              {t('nothingDue')}{' '}
              {counts.heldBack > 0 ? <>{tStudy('reviewLimitReached', { count: counts.heldBack })}{' '}</> : null}
              {counts.nextDueAt
                ? tStudy.rich('nextDue', { due: () => <DueTime iso={counts.nextDueAt!} timeZone={settings.timeZone} /> })
                : t('nothingScheduled')}
            </p>
          )}
        </section>
      ) : (
        <p>
          {t.rich('pitch', {
            signUp: (chunks) => <Link href="/sign-up">{chunks}</Link>,
            signIn: (chunks) => <Link href="/sign-in">{chunks}</Link>,
          })}
        </p>
      )}
      {readingSections.length > 0 && (!readingAt || readingAt.next) ? (
        <section aria-labelledby="reading-heading">
          <h2 id="reading-heading">{tReader('heading')}</h2>
          <p>{tReader('homeLead')}</p>
          <Link className="button" href={readingAt?.started && readingAt.next ? readingHref(readingAt.next) : '/read'}>{readingAt?.started ? tReader('continueReading') : tReader('startReading')}</Link>
        </section>
      ) : null}
      {decks.map((deck) => (
        <section key={deck.id} aria-labelledby={`deck-${deck.id}`}>
          <h2 id={`deck-${deck.id}`}><LangText en={deck.titleEn} zh={deck.titleZh} lang={lang} /></h2>
          <p className="muted">
            <Speakers names={deck.speakers} lang={lang} /> · {deck.date} · {tDeck('sectionCount', { count: deck.sections.length })} ·{' '}
            {tDeck('claimsAndCards', { claims: deck.claims, cards: deck.cards })}
          </p>
          <SectionList deck={deck} lang={lang} />
        </section>
      ))}
    </>
  )
}
