/**
 * The whole message catalogue of each interface language. The error page's words are a file of their own,
 * messages/error.json (both languages): the page that stands in when the root layout fails (app/global-error.tsx)
 * is in every page's JavaScript, and importing the catalogues there put both of them (55 KB) in it.
 */
import en from '@/messages/en.json'
import zh from '@/messages/zh.json'
import errorPage from '@/messages/error.json'
import type { InterfaceLanguage } from '@/lib/core/settings'

const english = { ...en, error: errorPage.en }
export type Catalogue = typeof english

export const catalogues: Record<InterfaceLanguage, Catalogue> = { en: english, zh: { ...zh, error: errorPage.zh } }
