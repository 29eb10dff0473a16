/**
 * Runs once when a Next.js server starts. The app's SQLite connection is opened now rather than at the first
 * request, so that from its first moment a running server holds its database file the way SQLite shows it to
 * others: a second `npm start` on the same file then waits, and says another Keyclaims server is using it
 * (lib/db/preflight.ts), instead of migrating under a server that has not yet served anyone. The connection takes no
 * lock that keeps out other readers or writers (an online backup, the e2e fixtures): only a connection in EXCLUSIVE
 * locking mode, like the schema engine's, finds the file in use.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { db } = await import('./lib/db/prisma')
  await db.prisma.$connect()
}
