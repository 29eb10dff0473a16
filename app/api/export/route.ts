import { NextResponse, type NextRequest } from 'next/server'
import { apiUser } from '@/lib/server/api-session'
import { exportUserData } from '@/lib/data/export'
import { nowFromCookies } from '@/lib/server/clock'
import { withErrorBody } from '@/lib/server/api'

export const GET = withErrorBody(async (request: NextRequest) => {
  const now = nowFromCookies(request.cookies)
  const user = await apiUser(request, now)
  if (!user) return NextResponse.json({ error: 'Sign in to export your data.' }, { status: 401 })
  const data = await exportUserData(user.id)
  const day = now.toISOString().slice(0, 10)
  return NextResponse.json(
    { exportedAt: now.toISOString(), ...data },
    { headers: { 'Content-Disposition': `attachment; filename="keyclaims-${day}.json"`, 'Cache-Control': 'no-store' } },
  )
})
