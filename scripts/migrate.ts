/** `npm run db:migrate -- <name>`: creates a migration from a change to prisma/schema.prisma and applies it. */
import { createMigration } from '../lib/db/schema-engine'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  console.error('usage: npm run db:migrate -- <name>   (letters, digits and _)')
  process.exit(2)
}
createMigration(name).then(
  (folder) => console.log(folder ? `created and applied prisma/migrations/${folder}` : 'the schema has not changed: no migration'),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
