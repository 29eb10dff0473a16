import Link from 'next/link'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { listDecks } from '@/lib/data/deck'
import { study } from '@/lib/data/study'
import { pickText } from '@/lib/core/present'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { DueTime } from './ui/due-time'
import { SectionList } from './ui/section-list'

export default async function HomePage() {
  const user = await currentUser()
  const config = user ? await study.config(user.id) : null
  const settings = config?.settings ?? DEFAULT_SETTINGS
  const [decks, counts] = await Promise.all([listDecks(), user ? study.todayCounts(user.id, await requestNow(), config!) : null])
  const lang = settings.displayLanguage
  const dueNow = counts ? counts.new + counts.learning + counts.review : 0
  return (
    <>
      <h1>{user ? `Today, ${user.name}` : 'Learn the key ideas of one long interview, and keep them'}</h1>
      {counts ? (
        <section aria-labelledby="today-heading">
          <h2 id="today-heading" className="sr-only">Today&rsquo;s reviews</h2>
          <ul className="counts">
            <li><span className="n">{counts.new}</span> new</li>
            <li><span className="n">{counts.learning}</span> learning</li>
            <li><span className="n">{counts.review}</span> to review</li>
          </ul>
          {dueNow > 0 ? (
            <Link className="button primary" href="/review">Start review</Link>
          ) : (
            <p className="notice">
              Nothing is due now.{' '}
              {counts.nextDueAt ? (
                <>The next card is due <DueTime iso={counts.nextDueAt} timeZone={settings.timeZone} />.</>
              ) : (
                'You have no cards scheduled.'
              )}
            </p>
          )}
        </section>
      ) : (
        <p>
          Every claim of the interview becomes questions and cloze deletions; FSRS schedules each review so that you
          keep what you learned. <Link href="/sign-up">Create an account</Link> or <Link href="/sign-in">sign in</Link> to start.
        </p>
      )}
      {decks.map((deck) => (
        <section key={deck.id} aria-labelledby={`deck-${deck.id}`}>
          <h2 id={`deck-${deck.id}`}>{pickText(deck.titleEn, deck.titleZh, lang)}</h2>
          <p className="muted">
            {deck.speakers.join(', ')} · {deck.date} · {deck.sections.length} sections · {deck.claims} claims · {deck.cards} cards
          </p>
          <SectionList deck={deck} lang={lang} />
        </section>
      ))}
    </>
  )
}
