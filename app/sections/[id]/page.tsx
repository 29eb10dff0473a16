import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { currentUser } from '@/lib/server/session'
import { getSection, listDecks } from '@/lib/data/deck'
import { getSettings } from '@/lib/data/settings'
import { pickText, presentCard, presentText } from '@/lib/core/present'
import { DEFAULT_SETTINGS } from '@/lib/core/settings'
import { renderCloze } from '@/lib/core/cloze'

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ deck?: string }> }

async function findSection(id: string, deckId?: string) {
  if (!/^[0-9]{2}$/.test(id)) return null
  const decks = deckId ? [{ id: deckId }] : await listDecks()
  for (const d of decks) {
    const section = await getSection(d.id, id)
    if (section) return section
  }
  return null
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const section = await findSection((await params).id, (await searchParams).deck)
  return { title: section ? `${section.id}. ${section.titleEn} · Keyclaims` : 'Section not found · Keyclaims' }
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ id }, { deck }] = await Promise.all([params, searchParams])
  const section = await findSection(id, deck)
  if (!section) notFound()
  const user = await currentUser()
  const { displayLanguage: lang } = user ? await getSettings(user.id) : DEFAULT_SETTINGS
  return (
    <>
      <p><Link href="/deck">{pickText(section.deck.titleEn, section.deck.titleZh, lang)}</Link></p>
      <h1>{section.id}. {pickText(section.titleEn, section.titleZh, lang)}</h1>
      <div dangerouslySetInnerHTML={{ __html: presentText(section.summaryEn, section.summaryZh, lang) }} />
      <h2>Claims ({section.claims.length})</h2>
      {section.claims.map((claim, i) => (
        <article key={claim.id} id={claim.id} className="claim card-surface" aria-labelledby={`${claim.id}-title`}>
          <h3 id={`${claim.id}-title`}>
            {i + 1}. <span dangerouslySetInnerHTML={{ __html: presentText(claim.textEn, claim.textZh, lang) }} />
          </h3>
          <p className="muted">
            {claim.speaker} · {claim.importance === 'core' ? 'core idea' : 'supporting'} ·{' '}
            {(JSON.parse(claim.tags) as string[]).map((t) => (
              <span key={t} className="tag">{t}</span>
            ))}
          </p>
          <div className="why">
            <strong>Why it matters:</strong> <span dangerouslySetInnerHTML={{ __html: presentText(claim.whyEn, claim.whyZh, lang) }} />
          </div>
          <details>
            <summary>Cards ({claim.cards.length})</summary>
            <ul className="card-list">
              {claim.cards.map((card) => {
                if (card.kind === 'cloze') {
                  const langs = lang === 'both' ? (['en', 'zh'] as const) : ([lang] as const)
                  return (
                    <li key={card.id}>
                      Cloze {card.ordinal}:{' '}
                      {langs.map((l) => (
                        <span key={l} lang={l === 'zh' ? 'zh-Hans' : 'en'} dangerouslySetInnerHTML={{ __html: renderCloze(l === 'en' ? card.frontEn : card.frontZh, card.ordinal).backHtml + ' ' }} />
                      ))}
                    </li>
                  )
                }
                const shown = presentCard(card, lang)
                return (
                  <li key={card.id}>
                    <span dangerouslySetInnerHTML={{ __html: shown.promptHtml }} />
                    <strong>→</strong> <span dangerouslySetInnerHTML={{ __html: shown.answerHtml }} />
                  </li>
                )
              })}
            </ul>
          </details>
        </article>
      ))}
    </>
  )
}
