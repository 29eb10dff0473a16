import { useFormatter } from 'next-intl'
import type { DeckName, DisplayLanguage } from '@/lib/core/display-language'
import { LangText } from './lang-text'

/** A deck's speakers as the interface lists them ("A and B" / "A和B"), each name in the display language. */
export function Speakers({ names, lang }: { names: DeckName[]; lang: DisplayLanguage }) {
  const format = useFormatter()
  return <>{format.list(names.map((name) => <span key={name.en}><LangText en={name.en} zh={name.zh} lang={lang} /></span>))}</>
}
