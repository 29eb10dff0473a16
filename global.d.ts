// next-intl checks every message key and locale against the English catalogue at compile time.
import type { Catalogue } from './i18n/catalogues'
import type { InterfaceLanguage } from './lib/core/settings'

declare module 'next-intl' {
  interface AppConfig {
    Locale: InterfaceLanguage
    Messages: Catalogue
  }
}
