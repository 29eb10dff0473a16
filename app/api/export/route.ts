import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { NextResponse, type NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { exportUserData } from '@/lib/data/export'
import { nowFromCookies } from '@/lib/server/clock'
import { withErrorBody } from '@/lib/server/api'

const gzipped = promisify(gzip)

/**
 * The signed-in person's account file (lib/core/account-file.ts) as JSON; with `?gzip=1` the same JSON gzip-compressed
 * (a tenth of the size: the file to keep, and the one a large history restores from).
 */
export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return NextResponse.json({ error: 'Sign in to export your data.' }, { status: 401 })
  const text = JSON.stringify(await exportUserData(user.id, now))
  const name = `keyclaims-${now.toISOString().slice(0, 10)}.json`
  if (request.nextUrl.searchParams.get('gzip') === '1') {
    return new Response(new Uint8Array(await gzipped(text)), {
      headers: { 'Content-Type': 'application/gzip', 'Content-Disposition': `attachment; filename="${name}.gz"`, 'Cache-Control': 'no-store' },
    })
  }
  return new Response(text, {
    headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  })
})
