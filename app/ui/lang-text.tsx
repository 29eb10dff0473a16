import { Fragment } from 'react'
import { titleParts, TITLE_SEPARATOR, type DisplayLanguage } from '@/lib/core/display-language'

/**
 * A deck's bilingual text (a title) in the display language, each language with its own `lang`: the interface may be
 * in the other one. "both" shows English, then Chinese (titleParts).
 */
export function LangText({ en, zh, lang }: { en: string; zh: string; lang: DisplayLanguage }) {
  return titleParts(en, zh, lang).map((part, i) => (
    <Fragment key={part.lang}>
      {i > 0 ? TITLE_SEPARATOR : null}
      <span lang={part.lang}>{part.text}</span>
    </Fragment>
  ))
}
