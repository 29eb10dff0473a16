import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { pageTitle } from '@/lib/server/i18n'
import { requestNow } from '@/lib/server/clock'
import { talksData } from '@/app/page-data'
import { localDate } from '@/lib/core/study-day'
import { daysUntil } from '@/lib/core/talk'
import { TalkForm } from './talk-form'
import { ClientMessages } from '@/app/ui/client-messages'
import { Countdown } from './countdown'

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('talks'))('heading'))
}

export default async function TalksPage() {
  const user = await requireUser('/talks')
  const now = await requestNow()
  const [{ config, mine, choices }, t] = await Promise.all([talksData(user.id), getTranslations('talks')])
  const todayDate = localDate(now, config.settings.timeZone)
  const { sections, tags } = choices
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      <section aria-labelledby="talk-list-heading">
        <h2 id="talk-list-heading">{t('listHeading')}</h2>
        {mine.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <ul className="section-list">
            {mine.map((talk) => (
              <li key={talk.id} className="card-surface">
                <Link href={`/talks/${talk.id}`}>{talk.title}</Link>{' '}
                <span className="muted">
                  <time dateTime={talk.date}>{talk.date}</time> · <Countdown daysLeft={daysUntil(talk.date, todayDate)} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-talk-heading">
        <h2 id="new-talk-heading">{t('newHeading')}</h2>
        {/* The form's words come with the talks' pages only (i18n/client-namespaces.ts). */}
        <ClientMessages namespaces={['talks']}>
          <TalkForm sections={sections} tags={tags} minDate={todayDate} />
        </ClientMessages>
      </section>
    </>
  )
}
