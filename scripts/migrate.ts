/** `npm run db:migrate -- <name>`: creates a migration from a change to prisma/schema.prisma and applies it. */
import path from 'node:path'
import { databaseConfig } from '../lib/db/config'
import { createMigration } from '../lib/db/schema-engine'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  console.error('usage: npm run db:migrate -- <name>   (letters, digits and _)')
  process.exit(2)
}
const config = databaseConfig()
createMigration(name, config).then(
  (folder) => {
    console.log(folder ? `created and applied ${path.relative(process.cwd(), path.join(config.migrationsDir, folder))}` : 'the schema has not changed: no migration')
    // The engine leaves a timer running for a minute after creating a migration; nothing is left to do.
    process.exit(0)
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
