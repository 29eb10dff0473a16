import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { pageTitle } from '@/lib/server/i18n'
import { readerLanguage } from '@/lib/server/display-language'
import { reading } from '@/lib/data/reading'
import { passageAnchor, sectionReadingHref } from '@/lib/core/reading'
import { markersOf } from '@/lib/core/reading-text'
import { textLang, titleText } from '@/lib/core/display-language'
import { LangText } from '@/app/ui/lang-text'
import { PassageText, type MarkerClaim } from '@/app/ui/reading/passage-text'
import { ReaderProvider } from '../reader-context'
import { ReviewArea } from '../review-area'
import { ReadingTracker } from '../reading-tracker'
import { ClientMessages } from '@/app/ui/client-messages'

type Props = { params: Promise<{ section: string }>; searchParams: Promise<{ deck?: string }> }

const validDeck = (deck: string | undefined) => (deck && /^[a-z0-9][a-z0-9-]{0,99}$/.test(deck) ? deck : undefined)

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ section: id }, { deck }, t, locale] = await Promise.all([params, searchParams, getTranslations('reader'), getLocale()])
  const section = /^[0-9]{2}$/.test(id) ? await reading.section(id, validDeck(deck)) : null
  // The tab's title in the interface language: a title is plain text, so it cannot mix two `lang`s.
  return pageTitle(section ? t('sectionTitle', { id: section.sectionId, title: titleText(section.titleEn, section.titleZh, locale === 'zh' ? 'zh' : 'en').text }) : t('heading'))
}

/** A section's reading: its passages in the display language, each followed by its review area (issue #38). */
export default async function ReadSectionPage({ params, searchParams }: Props) {
  const [{ section: id }, { deck }] = await Promise.all([params, searchParams])
  if (!/^[0-9]{2}$/.test(id)) notFound()
  const user = await currentUser()
  const now = await requestNow()
  const [section, sections, lang, t, tArea] = await Promise.all([reading.section(id, validDeck(deck)), reading.sections(), readerLanguage(user?.id), getTranslations('reader'), getTranslations('readingArea')])
  if (!section) notFound()
  const areas = user ? await reading.areas(user.id, section.sectionId, now, section.deckId) : null
  const langs = lang === 'both' ? (['en', 'zh'] as const) : ([lang] as const)
  const markerClaims = (l: 'en' | 'zh') => new Map<string, MarkerClaim>(section.claims.map((c, i) => [c.id, { number: i + 1, text: l === 'en' ? c.textEn : c.textZh }]))
  const claimNumbers = Object.fromEntries(section.claims.map((c, i) => [c.id, i + 1]))
  const at = sections.findIndex((s) => s.deckId === section.deckId && s.sectionId === section.sectionId)
  const next = sections[at + 1] ?? null
  const sectionHref = (s: { deckId: string; sectionId: string }) => sectionReadingHref(s.deckId, s.sectionId)
  const nextSectionHref = next ? sectionHref(next) : '/read'
  const passages = section.passages.map((passage, i) => {
    const nextHref = i + 1 < section.passages.length ? `#${passageAnchor(i + 1)}` : nextSectionHref
    return (
      <section key={i} id={passageAnchor(i)} className="passage" aria-labelledby={`${passageAnchor(i)}-heading`}>
        <h2 id={`${passageAnchor(i)}-heading`} className="passage-heading">{t('passageHeading', { number: i + 1, count: section.passages.length })}</h2>
        <div className={langs.length > 1 ? 'reading-columns' : undefined}>
          {langs.map((l, k) => (
            <PassageText key={l} text={passage[l]} lang={l} claims={markerClaims(l)} anchors={k === 0} markerLabel={(c) => t('markerLabel', { number: c.number, claim: c.text })} />
          ))}
        </div>
        <div data-passage-end={i} aria-hidden="true" />
        {markersOf(passage.en).length === 0 ? null : areas ? (
          <ReviewArea passage={i} last={i === section.passages.length - 1} nextHref={nextHref} sectionTitleLang={textLang(lang)} claimNumbers={claimNumbers} />
        ) : (
          <section className="review-area card-surface" aria-labelledby={`area-${i + 1}-heading`}>
            <h3 id={`area-${i + 1}-heading`}>{tArea('areaHeading', { passage: i + 1 })}</h3>
            <p>{t.rich('signInToAnswer', { signIn: (chunks) => <Link href={`/sign-in?next=${encodeURIComponent(sectionHref(section))}`}>{chunks}</Link> })}</p>
          </section>
        )}
      </section>
    )
  })
  return (
    <>
      <p><Link href="/read">{t('heading')}</Link></p>
      <h1>{section.sectionId}. <LangText en={section.titleEn} zh={section.titleZh} lang={lang} /></h1>
      <p className="muted">{t.rich('intro', { summary: (chunks) => <Link href={`/sections/${section.sectionId}?deck=${encodeURIComponent(section.deckId)}`}>{chunks}</Link> })}</p>
      {areas ? (
        // The words of the passages' review areas come with this page only (i18n/client-namespaces.ts).
        <ClientMessages namespaces={['readingArea', 'review', 'claim']}>
          <ReaderProvider deckId={section.deckId} sectionId={section.sectionId} initial={areas} serverNow={now.toISOString()}>
            {passages}
            <ReadingTracker deckId={section.deckId} sectionId={section.sectionId} />
          </ReaderProvider>
        </ClientMessages>
      ) : (
        passages
      )}
      <nav aria-label={t('sectionsNav')} className="reading-next">
        {next ? (
          <Link className="button" href={nextSectionHref}>{t.rich('nextSection', { id: next.sectionId, title: () => <LangText en={next.titleEn} zh={next.titleZh} lang={lang} /> })}</Link>
        ) : (
          <p>{t('endOfReading')} <Link href="/review">{t('toReviews')}</Link></p>
        )}
      </nav>
    </>
  )
}
