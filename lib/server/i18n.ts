/** The message catalogue on the server, for what pages and actions answer: page titles and form errors. */
import 'server-only'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import type { z } from 'zod'
import { fieldErrorsOf } from '@/lib/form'
import { messageKey, type InterfaceLanguage } from '@/lib/core/settings'

/** A page's title, e.g. "Settings · Keyclaims": the page's name is already in the interface language. */
export async function pageTitle(page: string): Promise<Metadata> {
  const t = await getTranslations('meta')
  return { title: t('page', { page }) }
}

/** The title of a page named in the navigation. */
export async function navPageTitle(page: 'deck' | 'progress' | 'review' | 'statistics' | 'settings' | 'account'): Promise<Metadata> {
  return pageTitle((await getTranslations('nav'))(page))
}

export type Translate = (key: string, values?: Record<string, string | number>) => string

/**
 * A translator for catalogue keys that arrive as data (zod messages such as "errors.emailMissing", keys chosen by
 * an action). A key the catalogue lacks (zod's own message for an unforeseen issue) reads as "errors.invalid".
 */
export async function translator(locale?: InterfaceLanguage): Promise<Translate> {
  const t = await getTranslations(locale ? { locale } : undefined)
  type Key = Parameters<typeof t>[0]
  return (key, values) => (t.has(key as Key) ? t(key as Key, values) : t('errors.invalid'))
}

/** Zod's issues as field errors in the person's language. */
export async function translatedFieldErrors(error: z.ZodError, locale?: InterfaceLanguage): Promise<Record<string, string[]>> {
  const translate = await translator(locale)
  const out: Record<string, string[]> = {}
  for (const [field, keys] of Object.entries(fieldErrorsOf(error))) out[field] = keys.map((message) => {
    const [key, values] = messageKey(message)
    return translate(key, values)
  })
  return out
}
