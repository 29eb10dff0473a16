import { NextResponse } from 'next/server'

/** For load balancers and the HTTP benchmark's baseline: answers without touching the database. */
export function GET() {
  return NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } })
}
