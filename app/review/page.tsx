import type { Metadata } from 'next'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { study } from '@/lib/data/study'
import { ReviewSession } from './review-session'

export const metadata: Metadata = { title: 'Review · Keyclaims' }

const PREFETCH = 10

export default async function ReviewPage() {
  const user = await requireUser('/review')
  const config = await study.config(user.id)
  const now = await requestNow()
  const [cards, counts] = await Promise.all([study.studyQueue(user.id, now, PREFETCH, config), study.todayCounts(user.id, now, config)])
  return (
    <div className="review">
      <h1 className="sr-only">Review</h1>
      <ReviewSession initialCards={cards} initialCounts={counts} prefetch={PREFETCH} timeZone={config.settings.timeZone} />
    </div>
  )
}
