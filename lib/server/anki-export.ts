/**
 * The Anki downloads' first steps (issue #36), said once for both routes: the time, the signed-in user, the language
 * parameter (zod), the words around the claim in each language, and the download's headers.
 */
import 'server-only'
import type { NextRequest } from 'next/server'
import { apiUser } from './api-session'
import { nowFromCookies } from './clock'
import { fieldErrors, unauthorized } from './api'
import { getSettings } from '../data/settings'
import { catalogues } from '@/i18n/catalogues'
import { ankiExportRequestSchema, type AnkiLabels } from '../core/anki-notes'
import type { DisplayLanguage } from '../core/display-language'

/** "Claim:" and "Why it matters:" as the interface says them in each language. */
export const ANKI_LABELS: AnkiLabels = {
  en: { claim: catalogues.en.claim.label, why: catalogues.en.claim.why },
  zh: { claim: catalogues.zh.claim.label, why: catalogues.zh.claim.why },
}

export type AnkiDownloadRequest = { userId: string; language: DisplayLanguage; now: Date }

/** The request's user and language, or the answer that refuses it (401 signed out, 422 a language we do not have). */
export async function ankiDownloadRequest(request: NextRequest): Promise<AnkiDownloadRequest | Response> {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return unauthorized()
  const parsed = ankiExportRequestSchema.safeParse({ lang: request.nextUrl.searchParams.get('lang') ?? undefined })
  if (!parsed.success) return fieldErrors(parsed.error)
  const language = parsed.data.lang ?? (await getSettings(user.id)).displayLanguage
  return { userId: user.id, language, now }
}

/** A download's headers: its file name (with the language and the day), never cached. */
export function downloadHeaders(contentType: string, name: string, extension: string, { language, now }: AnkiDownloadRequest): HeadersInit {
  const day = now.toISOString().slice(0, 10)
  return { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${name}-${language}-${day}.${extension}"`, 'Cache-Control': 'no-store' }
}
