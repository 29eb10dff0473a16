import type { NextRequest } from 'next/server'
import { withErrorBody } from '@/lib/server/api'
import { ANKI_LABELS, ankiDownloadRequest, downloadHeaders } from '@/lib/server/anki-export'
import { ankiPackageBytes } from '@/lib/server/anki-package-file'
import { ankiExport } from '@/lib/data/anki-export'

/** GET /api/export/anki-package?lang=en|zh|both: the deck with the signed-in person's schedule and answers, as an `.apkg`. */
export const GET = withErrorBody(async (request: NextRequest) => {
  const asked = await ankiDownloadRequest(request)
  if (asked instanceof Response) return asked
  const collection = await ankiExport.collection(asked.userId, asked.language, ANKI_LABELS, asked.now)
  const bytes = ankiPackageBytes(collection)
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: downloadHeaders('application/octet-stream', 'keyclaims-anki-progress', 'apkg', asked) })
})
