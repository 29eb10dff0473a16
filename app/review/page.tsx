import type { Metadata } from 'next'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { getSettings } from '@/lib/data/settings'
import { studyQueue, todayCounts } from '@/lib/data/study'
import { ReviewSession } from './review-session'

export const metadata: Metadata = { title: 'Review · Keyclaims' }

const PREFETCH = 10

export default async function ReviewPage() {
  const user = await requireUser('/review')
  const settings = await getSettings(user.id)
  const now = await requestNow()
  const [cards, counts] = await Promise.all([studyQueue(user.id, settings, now, PREFETCH), todayCounts(user.id, settings, now)])
  return (
    <div className="review">
      <h1 className="sr-only">Review</h1>
      <ReviewSession initialCards={cards} initialCounts={counts} prefetch={PREFETCH} timeZone={settings.timeZone} />
    </div>
  )
}
