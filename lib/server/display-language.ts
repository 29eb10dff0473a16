/** A page's display language for whoever reads it (pageLanguage): one place, so every page picks it alike. */
import 'server-only'
import { getLocale } from 'next-intl/server'
import { getSettings } from '@/lib/data/settings'
import { pageLanguage, type DisplayLanguage } from '@/lib/core/display-language'

/** The display language for a person's setting, or for a visitor (no setting) the interface language of the request. */
export async function languageFor(setting: DisplayLanguage | undefined): Promise<DisplayLanguage> {
  if (setting) return setting
  return pageLanguage(undefined, (await getLocale()) === 'zh' ? 'zh' : 'en')
}

/** The signed-in person's display language, or a visitor's interface language. */
export async function readerLanguage(userId: string | null | undefined): Promise<DisplayLanguage> {
  return languageFor(userId ? (await getSettings(userId)).displayLanguage : undefined)
}
