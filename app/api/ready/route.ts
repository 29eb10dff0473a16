import { json, withErrorBody } from '@/lib/server/api'
import { checkReadiness } from '@/lib/data/readiness'
import { db } from '@/lib/db/prisma'
import { databaseConfig } from '@/lib/db/config'

const sqlitePath = databaseConfig().sqlitePath

/**
 * GET /api/ready: 200 when the database takes a write now, 503 with what failed otherwise (a full disk, a read-only
 * database, no database). For a load balancer that should stop sending grades here; /api/health stays the route
 * that touches nothing.
 */
export const GET = withErrorBody(async () => {
  const readiness = await checkReadiness({ exec: db.exec, sqlitePath }, new Date())
  return readiness.ready
    ? json({ ready: true, freeDiskBytes: readiness.freeDiskBytes })
    : json({ ready: false, error: `Not ready: ${readiness.problem}.` }, 503)
})

export const dynamic = 'force-dynamic'
