import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { SectionList } from '@/app/ui/section-list'
import { LangText } from '@/app/ui/lang-text'
import { Speakers } from '@/app/ui/speakers'
import { currentUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { listDecks } from '@/lib/data/deck'
import { readerLanguage } from '@/lib/server/display-language'
import { presentText } from '@/lib/core/present'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('deck')
}

export default async function DeckPage() {
  const user = await currentUser()
  const [lang, decks, t] = await Promise.all([
    readerLanguage(user?.id),
    listDecks(),
    getTranslations('deck'),
  ])
  // One deck (the usual case) is the page's subject: its title heads the page. Several are listed under "Decks".
  const single = decks.length === 1
  return (
    <>
      {single ? null : <h1>{t('heading')}</h1>}
      {decks.length === 0 ? <p>{t('none')}</p> : null}
      {decks.map((deck) => {
        const Heading = single ? 'h1' : 'h2'
        return (
          <section key={deck.id} aria-labelledby={`deck-${deck.id}`}>
            <Heading id={`deck-${deck.id}`}><LangText en={deck.titleEn} zh={deck.titleZh} lang={lang} /></Heading>
            <p>
              <Speakers names={deck.speakers} lang={lang} /> · {deck.date} · {t('claimsAndCards', { claims: deck.claims, cards: deck.cards })}
            </p>
            <div className="muted" dangerouslySetInnerHTML={{ __html: presentText(deck.publishedEn, deck.publishedZh, lang) }} />
            <div className="muted" dangerouslySetInnerHTML={{ __html: presentText(deck.noteEn, deck.noteZh, lang) }} />
            <SectionList deck={deck} lang={lang} summaries headingLevel={single ? 2 : 3} />
          </section>
        )
      })}
    </>
  )
}
