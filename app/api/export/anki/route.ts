import type { NextRequest } from 'next/server'
import { withErrorBody } from '@/lib/server/api'
import { ANKI_LABELS, ankiDownloadRequest, downloadHeaders } from '@/lib/server/anki-export'
import { ankiExport } from '@/lib/data/anki-export'

/** GET /api/export/anki?lang=en|zh|both: the deck as a text file Anki imports (UTF-8, tab-separated, Anki's header lines). */
export const GET = withErrorBody(async (request: NextRequest) => {
  const asked = await ankiDownloadRequest(request)
  if (asked instanceof Response) return asked
  const text = await ankiExport.text(asked.language, ANKI_LABELS)
  return new Response(text, { headers: downloadHeaders('text/plain; charset=utf-8', 'keyclaims-anki', 'txt', asked) })
})
