import type { Metadata } from 'next'
import { SectionList } from '@/app/ui/section-list'
import { currentUser } from '@/lib/server/session'
import { listDecks } from '@/lib/data/deck'
import { getSettings } from '@/lib/data/settings'
import { pickText, presentText } from '@/lib/core/present'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'

export const metadata: Metadata = { title: 'Deck · Keyclaims' }

export default async function DeckPage() {
  const user = await currentUser()
  const { displayLanguage: lang } = user ? await getSettings(user.id) : DEFAULT_SETTINGS
  const decks = await listDecks()
  return (
    <>
      <h1>Decks</h1>
      {decks.length === 0 ? <p>No deck is loaded. Put a deck file in data/ and restart.</p> : null}
      {decks.map((deck) => (
        <section key={deck.id} aria-labelledby={`deck-${deck.id}`}>
          <h2 id={`deck-${deck.id}`}>{pickText(deck.titleEn, deck.titleZh, lang)}</h2>
          <p>
            {deck.speakers.join(', ')} · {deck.date} · {deck.claims} claims · {deck.cards} cards
          </p>
          <div className="muted" dangerouslySetInnerHTML={{ __html: presentText(deck.publishedEn, deck.publishedZh, lang) }} />
          <div className="muted" dangerouslySetInnerHTML={{ __html: presentText(deck.noteEn, deck.noteZh, lang) }} />
          <SectionList deck={deck} lang={lang} summaries />
        </section>
      ))}
    </>
  )
}
