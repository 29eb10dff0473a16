import type { ReactNode } from 'react'
import { NextIntlClientProvider } from 'next-intl'
import { getMessages } from 'next-intl/server'
import { CLIENT_NAMESPACES } from '@/i18n/client-namespaces'

/**
 * next-intl's provider for the client components, with the request's locale and time zone (next-intl passes them
 * on) and of the catalogue only the namespaces client components use: left to itself it would put every message in
 * every page's payload, for the browser to parse before the page responds.
 */
export async function ClientMessages({ children }: { children: ReactNode }) {
  const messages = await getMessages()
  const picked = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]))
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>
}
