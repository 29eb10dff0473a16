// next-intl checks every message key and locale against the English catalogue at compile time.
import type en from './messages/en.json'
import type { InterfaceLanguage } from './lib/core/settings'

declare module 'next-intl' {
  interface AppConfig {
    Locale: InterfaceLanguage
    Messages: typeof en
  }
}
