/**
 * The English words a page shows outside the deck's own texts, for the Chinese interface's check. Deck texts (card
 * sides, titles, summaries, speakers, tags) carry their own `lang` (in either language), and the interface's words
 * never do: so only text whose nearest `lang` is <html>'s is read: text nodes, the page title, and the names a
 * screen reader hears (aria-label, title, alt, placeholder).
 */
import type { Page } from '@playwright/test'

/** Proper names and terms that stay in Latin letters in Chinese text too. Keep it short. */
export const ALLOWED_LATIN_WORDS = ['Keyclaims', 'FSRS', 'Anki', 'AlexNet', 'GPT', 'OpenAI', 'JSON', 'Ilya', 'Sutskever', 'KB', 'MB', 'MiB', 'CSV', 'json', 'gz', 'RMSE', 'JavaScript']

/** Each English word with the text it stands in, e.g. "Sign out (in: Sign out)". */
export async function englishWordsOnPage(page: Page, ignore: string[] = []): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [document.title]
    const inPageLanguage = (el: Element | null) => (el?.closest('[lang]') ?? document.documentElement) === document.documentElement
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('script, style, noscript, template')) continue
      if (inPageLanguage(parent) && node.textContent?.trim()) out.push(node.textContent.trim())
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      if (!inPageLanguage(el)) continue
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = el.getAttribute(attr)
        if (value) out.push(value)
      }
    }
    return out
  })
  const allowed = new Set(ALLOWED_LATIN_WORDS)
  const found: string[] = []
  for (const raw of texts) {
    let text = raw
    for (const s of ignore) text = text.split(s).join(' ')
    for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.has(word)) found.push(`${word} (in: ${raw.slice(0, 80)})`)
  }
  return found
}
