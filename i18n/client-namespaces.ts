/**
 * The catalogue namespaces the browser's components translate with (useTranslations in a 'use client' module or
 * one it imports): only these travel to the browser with each page, not the whole catalogue (31 KB, half of it
 * for server components). tests/client-modules.test.ts fails when a client module uses a namespace not listed here.
 */
export const CLIENT_NAMESPACES = ['nav', 'error', 'review', 'study', 'claim', 'quiz', 'settings', 'account', 'auth', 'section', 'talks', 'fsrs', 'readingArea'] as const
