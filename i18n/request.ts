/**
 * next-intl's configuration for each request, without locale routing: the URL never carries the language.
 * A signed-in person gets the interface language of their settings, dates in their time zone; a visitor gets the
 * first language of Accept-Language that the interface speaks (English otherwise), dates in UTC.
 */
import { headers } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { getSettings } from '@/lib/data/settings'
import { localeFromAcceptLanguage } from '@/lib/core/locale'
import type { InterfaceLanguage } from '@/lib/core/settings'
import { catalogues } from './catalogues'

export default getRequestConfig(async ({ locale: explicit }) => {
  const user = await currentUser()
  const settings = user ? await getSettings(user.id) : null
  const asked = explicit === 'en' || explicit === 'zh' ? explicit : null
  const locale: InterfaceLanguage = asked ?? settings?.interfaceLanguage ?? localeFromAcceptLanguage((await headers()).get('accept-language'))
  return { locale, messages: catalogues[locale], timeZone: settings?.timeZone ?? 'UTC' }
})
