import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { getSection, deckNames, listDecks } from '@/lib/data/deck'
import { readerLanguage } from '@/lib/server/display-language'
import { presentCard, presentText } from '@/lib/core/present'
import { htmlLang, speakerName, tagName, titleText } from '@/lib/core/display-language'
import { renderCloze } from '@/lib/core/cloze'
import { LangText } from '@/app/ui/lang-text'
import { ShowAllAnswers } from '@/app/ui/show-all-answers'
import { quizSection } from '@/app/actions/quiz'
import { sectionKey } from '@/lib/core/quiz'
import { MAX_QUIZ_CARDS } from '@/lib/core/form-limits'
import { MasteryBadge } from '@/app/ui/mastery-badge'
import { progress } from '@/lib/data/progress'
import { requestNow } from '@/lib/server/clock'
import { ClientMessages } from '@/app/ui/client-messages'

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
  const [section, locale, t] = await Promise.all([
    (async () => findSection((await params).id, (await searchParams).deck))(),
    getLocale(),
    getTranslations('meta'),
  ])
  // The tab's title in the interface language: a title is plain text, so it cannot mix two `lang`s.
  return { title: t('page', { page: section ? `${section.id}. ${titleText(section.titleEn, section.titleZh, locale).text}` : t('sectionNotFound') }) }
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ id }, { deck }] = await Promise.all([params, searchParams])
  const section = await findSection(id, deck)
  if (!section) notFound()
  const user = await currentUser()
  const [lang, map, t, tClaim] = await Promise.all([
    readerLanguage(user?.id),
    user ? progress.map(user.id, await requestNow()) : null,
    getTranslations('section'),
    getTranslations('claim'),
  ])
  // The same per-claim state as the interview map, for a signed-in person.
  const names = deckNames(section.deck)
  const masteryOf = new Map(map?.sections.find((s) => s.deckId === section.deckId && s.sectionId === section.id)?.claims.map((c) => [c.claimId, c.mastery]) ?? [])
  return (
    <>
      <p><Link href="/deck"><LangText en={section.deck.titleEn} zh={section.deck.titleZh} lang={lang} /></Link></p>
      <h1>{section.id}. <LangText en={section.titleEn} zh={section.titleZh} lang={lang} /></h1>
      <div dangerouslySetInnerHTML={{ __html: presentText(section.summaryEn, section.summaryZh, lang) }} />
      <div className="actions">
        {user ? (
          <form action={quizSection}>
            <input type="hidden" name="scope" value="sections" />
            <input type="hidden" name="sections" value={sectionKey(section.deckId, section.id)} />
            <input type="hidden" name="length" value={MAX_QUIZ_CARDS} />
            <input type="hidden" name="order" value="deck" />
            <button type="submit" className="primary">{t('quizMe')}</button>
          </form>
        ) : null}
        {/* Its words come with this page only (i18n/client-namespaces.ts). */}
        <ClientMessages namespaces={['section']}>
          <ShowAllAnswers />
        </ClientMessages>
      </div>
      <h2>{t('claimsHeading', { count: section.claims.length })}</h2>
      {section.claims.map((claim, i) => (
        <article key={claim.id} id={claim.id} className="claim card-surface" aria-labelledby={`${claim.id}-title`}>
          <h3 id={`${claim.id}-title`}>
            {i + 1}. <span className="inline-text" dangerouslySetInnerHTML={{ __html: presentText(claim.textEn, claim.textZh, lang) }} />
          </h3>
          {/* The speaker and the tags are the deck's names, in the display language; a tag links to the card browser filtered by its slug. */}
          {/* A claim's links are not prefetched: a section shows a dozen claims, each with several (app/ui/progress/claim-map.tsx says why). */}
          {masteryOf.has(claim.id) ? (
            <p><Link href={`/progress/${encodeURIComponent(claim.id)}`} prefetch={false}><MasteryBadge mastery={masteryOf.get(claim.id)!} /></Link></p>
          ) : null}
          <p className="muted">
            <LangText {...speakerName(names.speakers, claim.speaker)} lang={lang} /> · {claim.importance === 'core' ? t('core') : t('supporting')} ·{' '}
            {(JSON.parse(claim.tags) as string[]).map((tag) => (
              <Link key={tag} href={`/browse?tag=${encodeURIComponent(tag)}`} prefetch={false} className="tag"><LangText {...tagName(names.tags, tag)} lang={lang} /></Link>
            ))}
          </p>
          <div className="why">
            <strong>{tClaim('why')}</strong> <span dangerouslySetInnerHTML={{ __html: presentText(claim.whyEn, claim.whyZh, lang) }} />
          </div>
          <details open>
            <summary>{t('cards', { count: claim.cards.length })}</summary>
            <ul className="card-list">
              {claim.cards.map((card) => {
                // Each answer hidden until asked (as in Quantum Country): the prompt next to the text it came from.
                const langs = lang === 'both' ? (['en', 'zh'] as const) : ([lang] as const)
                const sides = card.kind === 'cloze'
                  ? langs.map((l) => ({ l, ...renderCloze(l === 'en' ? card.frontEn : card.frontZh, card.ordinal) }))
                  : [(({ promptHtml, answerHtml }) => ({ l: null, frontHtml: promptHtml, backHtml: answerHtml }))(presentCard(card, lang))]
                return (
                  <li key={card.id}>
                    {card.kind === 'cloze' ? <>{t('cloze', { number: card.ordinal })} </> : null}
                    {sides.map((side) => (
                      <span key={side.l ?? 'basic'} lang={side.l ? htmlLang(side.l) : undefined} className="inline-text" dangerouslySetInnerHTML={{ __html: side.frontHtml + ' ' }} />
                    ))}
                    <details className="card-answer">
                      <summary>{t('showAnswer')}</summary>
                      {sides.map((side) => (
                        <div key={side.l ?? 'basic'} lang={side.l ? htmlLang(side.l) : undefined} dangerouslySetInnerHTML={{ __html: side.backHtml }} />
                      ))}
                    </details>
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
