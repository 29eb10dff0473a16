/**
 * Generates the Prisma clients (run by `npm install`): one for SQLite in lib/generated/prisma and one for PostgreSQL
 * in lib/generated/prisma-pg, so that one build serves either database, chosen by DATABASE_URL when it starts.
 * prisma/schema.prisma (SQLite) is the source; the PostgreSQL schema is derived from it here, because the provider
 * is a literal in a Prisma schema. `prisma generate` never runs the native engine but insists that one exists, so
 * PRISMA_SCHEMA_ENGINE_BINARY points at a file that does.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { databaseConfig, projectRoot } from '../lib/db/config'

const source = readFileSync(path.join(projectRoot, 'prisma', 'schema.prisma'), 'utf8')
const postgres = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../lib/generated/prisma"', 'output       = "../../lib/generated/prisma-pg"')
  .replace(/^\/\/ The source schema.*\n(\/\/.*\n)*/m, '// GENERATED from prisma/schema.prisma by scripts/generate.ts: do not edit.\n')
mkdirSync(path.join(projectRoot, 'prisma', 'postgres'), { recursive: true })
writeFileSync(path.join(projectRoot, 'prisma', 'postgres', 'schema.prisma'), postgres)

for (const url of ['file:var/keyclaims.db', 'postgresql://localhost/keyclaims']) {
  execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--schema', databaseConfig({ DATABASE_URL: url }).schemaPath], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  })
}
