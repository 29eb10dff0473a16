import Link from 'next/link'
import type { DeckOverview } from '@/lib/data/deck'
import { pickText, presentText } from '@/lib/core/present'
import type { DisplayLanguage } from '@/lib/core/settings'

/** A deck's sections with their counts, linking to each section page; with summaries on the deck page. */
export function SectionList({ deck, lang, summaries = false }: { deck: DeckOverview; lang: DisplayLanguage; summaries?: boolean }) {
  return (
    <ul className="section-list">
      {deck.sections.map((s) => (
        <li key={s.id}>
          <h3>
            <Link href={`/sections/${s.id}`}>{s.id}. {pickText(s.titleEn, s.titleZh, lang)}</Link>
          </h3>
          {summaries ? <div dangerouslySetInnerHTML={{ __html: presentText(s.summaryEn, s.summaryZh, lang) }} /> : null}
          <span className="muted">{s.claims} claims · {s.cards} cards</span>
        </li>
      ))}
    </ul>
  )
}
