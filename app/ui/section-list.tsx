import Link from 'next/link'
import { useTranslations } from 'next-intl'
import type { DeckOverview } from '@/lib/data/deck'
import { missingSectionIds, presentText } from '@/lib/core/present'
import type { DisplayLanguage } from '@/lib/core/settings'
import { LangText } from './lang-text'

/**
 * A deck's sections with their counts, linking to each section page; with summaries on the deck page. A number the
 * transcript skips is said before the list, so "04" followed by "06" is not taken for a missing page.
 */
export function SectionList({ deck, lang, summaries = false, headingLevel = 3 }: { deck: DeckOverview; lang: DisplayLanguage; summaries?: boolean; headingLevel?: 2 | 3 }) {
  const t = useTranslations('deck')
  const missing = missingSectionIds(deck.sections.map((s) => s.id))
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <>
      {missing.length > 0 ? <p className="muted">{t('sectionGap', { count: missing.length, ids: missing.join(', ') })}</p> : null}
      <ul className="section-list">
        {deck.sections.map((s) => (
          <li key={s.id}>
            <Heading>
              {/* Not prefetched: a link a section (app/ui/progress/claim-map.tsx says why). */}
              <Link href={`/sections/${s.id}`} prefetch={false}>{s.id}. <LangText en={s.titleEn} zh={s.titleZh} lang={lang} /></Link>
            </Heading>
            {summaries ? <div dangerouslySetInnerHTML={{ __html: presentText(s.summaryEn, s.summaryZh, lang) }} /> : null}
            <span className="muted">{t('claimsAndCards', { claims: s.claims, cards: s.cards })}</span>
          </li>
        ))}
      </ul>
    </>
  )
}
