import 'server-only'
import { listDecks, liveTags } from '@/lib/data/deck'
import { sectionKey } from '@/lib/core/quiz'
import { titleText, type DisplayLanguage } from '@/lib/core/display-language'
import type { SectionChoice } from './talk-form'

/** The sections (with a live card) and tags a talk may cover, titled in the display language. */
export async function talkChoices(lang: DisplayLanguage): Promise<{ sections: SectionChoice[]; tags: string[] }> {
  const [decks, tags] = await Promise.all([listDecks(), liveTags()])
  const sections = decks.flatMap((d) =>
    d.sections.filter((s) => s.cards > 0).map((s) => {
      const title = titleText(s.titleEn, s.titleZh, lang)
      return { key: sectionKey(d.id, s.id), id: s.id, title: title.text, lang: title.lang }
    }),
  )
  return { sections, tags }
}
