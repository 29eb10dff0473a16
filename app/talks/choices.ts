import 'server-only'
import { listDecks, liveTags, tagNames } from '@/lib/data/deck'
import { sectionKey } from '@/lib/core/quiz'
import { tagName, titleText, type DisplayLanguage } from '@/lib/core/display-language'
import type { SectionChoice, TagChoice } from './talk-form'

/**
 * The sections (with a live card) and tags a talk or a quiz may cover, named in the display language (a tag's slug is
 * the form's value).
 */
export async function talkChoices(lang: DisplayLanguage): Promise<{ sections: SectionChoice[]; tags: TagChoice[] }> {
  const [decks, slugs, names] = await Promise.all([listDecks(), liveTags(), tagNames()])
  const sections = decks.flatMap((d) =>
    d.sections.filter((s) => s.cards > 0).map((s) => {
      const title = titleText(s.titleEn, s.titleZh, lang)
      return { key: sectionKey(d.id, s.id), id: s.id, title: title.text, lang: title.lang }
    }),
  )
  const tags = slugs.map((slug) => {
    const name = tagName(names, slug)
    const title = titleText(name.en, name.zh, lang)
    return { slug, title: title.text, lang: title.lang }
  })
  return { sections, tags }
}
