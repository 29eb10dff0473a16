import type { DisplayLanguage } from '@/lib/core/settings'
import { htmlLang } from '@/lib/core/present'

/**
 * A deck's bilingual text (a title) in the display language, each language with its own `lang`: the interface may be
 * in the other one. "both" shows English, then Chinese.
 */
export function LangText({ en, zh, lang }: { en: string; zh: string; lang: DisplayLanguage }) {
  if (lang === 'both') {
    return (
      <>
        <span lang="en">{en}</span> · <span lang="zh-Hans">{zh}</span>
      </>
    )
  }
  return <span lang={htmlLang(lang)}>{lang === 'zh' ? zh : en}</span>
}
