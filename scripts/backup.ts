/**
 * `npm run backup`: an online, consistent copy of the SQLite database into var/backups/ (KEYCLAIMS_BACKUP_DIR),
 * keeping the newest 10 (KEYCLAIMS_BACKUP_KEEP), while the server runs. Sessions are left out. On PostgreSQL the
 * deployment's own tool, pg_dump, is the backup: this says so and exits non-zero.
 */
import path from 'node:path'
import { PG_DUMP_HINT, backupSettings, backupSqlite } from '../lib/db/backup'
import { databaseConfig, displayPath as rel } from '../lib/db/config'

function main(): void {
  const config = databaseConfig()
  if (config.provider === 'postgresql') {
    console.error(`npm run backup is for the SQLite database. ${PG_DUMP_HINT}`)
    process.exit(2)
  }
  const settings = backupSettings(config.sqlitePath)
  const started = Date.now()
  const result = backupSqlite(config.sqlitePath, { ...settings, now: new Date() })
  console.log(
    `backed up ${rel(config.sqlitePath)} to ${rel(result.file)}: ${result.people} people, ${result.reviews} reviews, ` +
      `${(result.bytes / 1e6).toFixed(1)} MB, sessions left out, ${Date.now() - started} ms`,
  )
  console.log(`keeping the newest ${settings.keep} backups in ${rel(settings.dir)}${result.pruned.length ? `; removed ${result.pruned.map((p) => path.basename(p)).join(', ')}` : ''}`)
}

try {
  main()
} catch (err) {
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}
