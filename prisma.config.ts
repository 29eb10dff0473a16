// Prisma's own CLI reads this; the app itself and scripts/ use lib/db/config.ts, which chooses the same way.
import { defineConfig } from 'prisma/config'
import { databaseConfig } from './lib/db/config'

const db = databaseConfig()
export default defineConfig({ schema: db.schemaPath, migrations: { path: db.migrationsDir } })
