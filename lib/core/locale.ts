/** Which interface language a browser asks for, from its Accept-Language header. */
import type { InterfaceLanguage } from './settings'

/**
 * The first of the browser's languages (by q-value, then order) that the interface speaks; English otherwise.
 * Any Chinese (zh, zh-CN, zh-TW, zh-Hant…) gets the Chinese interface: it is written in simplified characters, which a
 * reader of traditional ones reads more easily than English.
 * @example localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8') // "zh"
 * @example localeFromAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8') // "en"
 */
export function localeFromAcceptLanguage(header: string | null | undefined): InterfaceLanguage {
  if (!header) return 'en'
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const quality = q ? Number(q.slice(2)) : 1
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index }
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
  for (const { primary } of ranked) {
    if (primary === 'zh') return 'zh'
    if (primary === 'en') return 'en'
  }
  return 'en'
}
