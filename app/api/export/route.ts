import { NextResponse } from 'next/server'
import { currentUser } from '@/lib/server/session'
import { exportUserData } from '@/lib/data/export'
import { requestNow } from '@/lib/server/clock'

export async function GET() {
  const user = await currentUser()
  if (!user) return NextResponse.json({ error: 'Sign in to export your data.' }, { status: 401 })
  const data = await exportUserData(user.id)
  const day = (await requestNow()).toISOString().slice(0, 10)
  return NextResponse.json(
    { exportedAt: (await requestNow()).toISOString(), ...data },
    { headers: { 'Content-Disposition': `attachment; filename="keyclaims-${day}.json"`, 'Cache-Control': 'no-store' } },
  )
}
