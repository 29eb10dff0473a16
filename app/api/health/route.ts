import { json } from '@/lib/server/api'

/** For load balancers and the HTTP benchmark's baseline: answers without touching the database. */
export function GET() {
  return json({ ok: true })
}
