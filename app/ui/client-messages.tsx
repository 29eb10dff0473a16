import type { ReactNode } from 'react'
import { NextIntlClientProvider } from 'next-intl'
import { getMessages } from 'next-intl/server'
import { EVERY_PAGE_NAMESPACES, type ClientNamespace } from '@/i18n/client-namespaces'

/**
 * next-intl's provider for the client components, with the request's locale and time zone (next-intl passes them
 * on) and of the catalogue only the namespaces client components use: left to itself it would put every message in
 * every page's payload, for the browser to parse before the page responds. The layout sends EVERY_PAGE_NAMESPACES;
 * a page whose client components need some of PAGE_NAMESPACES wraps them in its own, with exactly the namespaces the
 * components use (an inner provider replaces the outer one's messages, it does not add to them).
 */
export async function ClientMessages({ namespaces = EVERY_PAGE_NAMESPACES, children }: { namespaces?: readonly ClientNamespace[]; children: ReactNode }) {
  const messages = await getMessages()
  const picked = Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]))
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>
}
