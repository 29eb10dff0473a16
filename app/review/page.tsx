import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { requestNow } from '@/lib/server/clock'
import { reviewData } from '@/app/page-data'
import { textLang } from '@/lib/core/display-language'
import { ReviewSession } from './review-session'
import { ClientMessages } from '@/app/ui/client-messages'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('review')
}

const PREFETCH = 10

export default async function ReviewPage() {
  const user = await requireUser('/review')
  const now = await requestNow()
  const [{ config, cards, counts, today, undoTarget }, t] = await Promise.all([reviewData(user.id, now, PREFETCH), getTranslations('review')])
  return (
    <div className="review">
      <h1 className="sr-only">{t('heading')}</h1>
      {/* The words its client components use come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['review', 'study', 'claim']}>
        <ReviewSession
          userId={user.id}
          initialCards={cards}
          initialCounts={counts}
          initialToday={today}
          canUndo={undoTarget !== null}
          serverNow={now.toISOString()}
          prefetch={PREFETCH}
          timeZone={config.settings.timeZone}
          sectionTitleLang={textLang(config.settings.displayLanguage)}
        />
      </ClientMessages>
    </div>
  )
}
