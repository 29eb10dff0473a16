/**
 * The catalogue namespaces the browser's components translate with (useTranslations in a 'use client' module or
 * one it imports): only these travel to the browser, not the whole catalogue (31 KB, half of it for server
 * components). tests/client-modules.test.ts fails when a client module uses a namespace not listed here.
 */
export const CLIENT_NAMESPACES = ['nav', 'error', 'review', 'study', 'claim', 'quiz', 'settings', 'account', 'auth', 'section', 'talks', 'fsrs', 'readingArea'] as const

export type ClientNamespace = (typeof CLIENT_NAMESPACES)[number]

/**
 * What the layout sends with every page: the navigation's words and the error page's. The rest are sent by the pages
 * whose client components use them, around those components (<ClientMessages namespaces={[…]}>, app/ui/client-messages.tsx):
 * 27.5 KB of messages in English had travelled in every page's payload (a third of the card browser's), for the browser
 * to parse before the page responds, while most pages use none of them. tests/client-modules.test.ts checks that every
 * client component using one of these sits inside a page's ClientMessages that sends it.
 */
export const EVERY_PAGE_NAMESPACES = ['nav', 'error'] as const satisfies readonly ClientNamespace[]

/** Sent only by the pages that use them. */
export const PAGE_NAMESPACES = CLIENT_NAMESPACES.filter((ns) => !(EVERY_PAGE_NAMESPACES as readonly string[]).includes(ns))
