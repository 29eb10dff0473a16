/**
 * `npm run restore <file>`: replaces the SQLite database with a backup made by `npm run backup`. Refuses while a
 * server (or any process) has the database open, checks the backup before touching anything, backs up the
 * database it replaces, and signs everyone out. On PostgreSQL, pg_restore is the tool: this says so.
 */
import { PG_DUMP_HINT, backupSettings } from '../lib/db/backup'
import { databaseConfig, displayPath as rel } from '../lib/db/config'
import { RestoreError, restoreSqlite } from '../lib/db/restore'

function main(): void {
  const file = process.argv[2]
  if (!file || process.argv.length > 3) {
    console.error('usage: npm run restore <backup file>   (e.g. npm run restore var/backups/keyclaims-2026-12-01T09-30-00.000Z.db)')
    process.exit(2)
  }
  const config = databaseConfig()
  if (config.provider === 'postgresql') {
    console.error(`npm run restore is for the SQLite database. ${PG_DUMP_HINT}`)
    process.exit(2)
  }
  const result = restoreSqlite({ source: file, sqlitePath: config.sqlitePath, migrationsDir: config.migrationsDir, backups: backupSettings(config.sqlitePath), now: new Date() })
  console.log(`restored ${rel(config.sqlitePath)} from ${file}: ${result.people} people, ${result.reviews} reviews; everyone is signed out (${result.sessionsRemoved} sessions in the file removed)`)
  if (result.previous) console.log(`the database it replaced is kept as ${rel(result.previous)}`)
  if (result.pending.length > 0) console.log(`the next start applies ${result.pending.length} newer migration(s): ${result.pending.join(', ')}`)
}

try {
  main()
} catch (err) {
  console.error(err instanceof RestoreError ? `restore refused: ${err.message}` : `restore failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}
