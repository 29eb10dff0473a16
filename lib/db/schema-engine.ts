/**
 * Prisma's migrations without the native schema engine.
 *
 * Every Prisma CLI migrate command downloads a native engine binary, which these machines cannot fetch. Prisma
 * also publishes its schema engine as WebAssembly (@prisma/schema-engine-wasm) that talks to the database through
 * a driver adapter, the same kind of adapter the app uses. This module drives that engine: it applies the committed
 * migrations (`npm start`, tests, CI) and creates new ones from schema changes (`npm run db:migrate -- <name>`).
 * The engine records applied migrations in `_prisma_migrations`, the same table the native engine uses.
 * See docs/decisions/0001-migrations-without-the-native-engine.md.
 */
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { Pool, type PoolConfig } from 'pg'
import { randomUUID } from 'node:crypto'
import { databaseConfig, postgresTarget, type DatabaseConfig } from './config'

type EngineModule = typeof import('@prisma/schema-engine-wasm')
type Engine = Awaited<ReturnType<EngineModule['SchemaEngine']['new']>>
type MigrationList = Parameters<Engine['applyMigrations']>[0]['migrationsList']

const noFilter = { externalTables: [], externalEnums: [] }
const require = createRequire(__filename)

let enginePromise: Promise<EngineModule> | undefined

/** Instantiates the engine's .wasm by hand: its package entry needs --experimental-wasm-modules. */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message: string) => console.error(`schema engine panic: ${message}`) }
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bg = (await import(bgPath)) as EngineModule & { __wbg_set_wasm(exports: unknown): void }
    const bytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg
  })()
  return enginePromise
}

/**
 * better-sqlite3 runs one statement per call; the engine replays whole migration files through executeRaw on the
 * shadow database. Scripts without parameters go to executeScript, which runs any number of statements.
 */
function withScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeRaw') {
        return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
          if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
            await target.executeScript(query.sql)
            return 0
          }
          return target.executeRaw(query)
        }
      }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * The engine's adapter factory. It remembers the connections it opens: the engine leaves its connection in
 * EXCLUSIVE locking mode, and freeing the engine does not close it, so `dispose` must (else the database stays
 * locked for every other connection until garbage collection happens to close the handle).
 */
function adapterFactory(config: DatabaseConfig): SqlMigrationAwareDriverAdapterFactory & { dispose(): Promise<void> } {
  if (config.provider === 'postgresql') return postgresFactory(config.url)
  const inner = new PrismaBetterSqlite3({ url: config.sqlitePath }, { timestampFormat: 'unixepoch-ms' })
  const opened: SqlDriverAdapter[] = []
  const keep = (adapter: SqlDriverAdapter) => {
    opened.push(adapter)
    return withScripts(adapter)
  }
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => keep(await inner.connect()),
    connectToShadowDb: async () => keep(await inner.connectToShadowDb()),
    async dispose() {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined)
    },
  }
}

function poolConfig(url: string, database?: string): PoolConfig {
  const { pool } = postgresTarget(url)
  return database ? { ...pool, database } : pool
}

/**
 * The engine reads PostgreSQL's catalogs, whose internal "char" columns (oid 18) adapter-pg cannot type: they are
 * read as text (oid 25), which they are.
 */
function charAsText(pool: Pool): Pool {
  const fix = <R>(result: R): R => {
    for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25
    return result
  }
  const wrap = (target: { query: (...args: unknown[]) => unknown }) => {
    const query = target.query.bind(target)
    target.query = (...args: unknown[]) => {
      const out = query(...args)
      return out instanceof Promise ? out.then(fix) : out
    }
  }
  wrap(pool as unknown as { query: (...args: unknown[]) => unknown })
  pool.on('connect', (client) => wrap(client as unknown as { query: (...args: unknown[]) => unknown }))
  return pool
}

/** The engine's factory on PostgreSQL: the shadow database is created and dropped here, after its pool has closed. */
function postgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory & { dispose(): Promise<void> } {
  const opened: SqlDriverAdapter[] = []
  const shadows: string[] = []
  const open = async (database?: string) => {
    const adapter = await new PrismaPg(charAsText(new Pool(poolConfig(url, database))), { disposeExternalPool: true }).connect()
    opened.push(adapter)
    return adapter
  }
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => open(),
    async connectToShadowDb() {
      const name = `keyclaims_shadow_${randomUUID().replace(/-/g, '')}`
      const admin = new Pool(poolConfig(url))
      await admin.query(`CREATE DATABASE "${name}"`)
      await admin.end()
      shadows.push(name)
      return open(name)
    },
    async dispose() {
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined)
      if (shadows.length > 0) {
        const admin = new Pool(poolConfig(url))
        for (const name of shadows.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
        await admin.end()
      }
    },
  }
}

async function readMigrations(dir: string, provider: string): Promise<MigrationList> {
  const names = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : []
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, name, 'migration.sql')
        const content = existsSync(file)
          ? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
          : { tag: 'error' as const, value: `missing ${file}` }
        return { path: name, migrationFile: { path: 'migration.sql', content } }
      }),
    ),
  } satisfies MigrationList & { lockfile: { content: string | null } } as MigrationList
  void provider
}

async function withEngine<T>(config: DatabaseConfig, run: (engine: Engine, schema: string) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule()
  const schema = await readFile(config.schemaPath, 'utf8')
  const logs: string[] = []
  const factory = adapterFactory(config)
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[config.schemaPath, schema]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  )
  try {
    return await run(engine, schema)
  } finally {
    engine.free()
    await factory.dispose()
  }
}

/** Applies pending committed migrations; returns the names it applied. */
export async function applyMigrations(config: DatabaseConfig = databaseConfig()): Promise<string[]> {
  if (config.provider === 'sqlite') await mkdir(path.dirname(config.sqlitePath), { recursive: true })
  return withEngine(config, async (engine) => {
    const migrationsList = await readMigrations(config.migrationsDir, config.provider)
    const out = await engine.applyMigrations({ migrationsList, filters: noFilter })
    return out.appliedMigrationNames
  })
}

/**
 * Creates a migration from the difference between the committed migrations and the schema (like `prisma migrate
 * dev --create-only`), writes it under the migrations folder, and applies it. Returns its folder name, or null
 * when the schema has not changed.
 */
export async function createMigration(name: string, config: DatabaseConfig = databaseConfig()): Promise<string | null> {
  if (config.provider === 'sqlite') await mkdir(path.dirname(config.sqlitePath), { recursive: true })
  return withEngine(config, async (engine, schema) => {
    let migrationsList = await readMigrations(config.migrationsDir, config.provider)
    // devDiagnostic on a brand-new database fails (P1014) unless the committed migrations were applied first.
    await engine.applyMigrations({ migrationsList, filters: noFilter })
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: noFilter })
    if (diagnostic.action.tag === 'reset') {
      throw new Error(`The database has drifted from the migrations (${diagnostic.action.reason}). Delete it and run again.`)
    }
    const schemas = { files: [{ path: config.schemaPath, content: schema }] }
    const loss = await engine.evaluateDataLoss({ migrationsList, schema: schemas, filters: noFilter })
    for (const warning of loss.warnings) console.warn(`warning: ${warning.message}`)
    if (loss.unexecutableSteps.length > 0) {
      throw new Error(loss.unexecutableSteps.map((s) => s.message).join('\n'))
    }
    const created = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: schemas,
      filters: noFilter,
    })
    if (!created.migrationScript) return null
    const folder = path.join(config.migrationsDir, created.generatedMigrationName)
    await mkdir(folder, { recursive: true })
    await writeFile(path.join(folder, `migration.${created.extension}`), created.migrationScript)
    await writeFile(
      path.join(config.migrationsDir, 'migration_lock.toml'),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
    )
    migrationsList = await readMigrations(config.migrationsDir, config.provider)
    await engine.applyMigrations({ migrationsList, filters: noFilter })
    return created.generatedMigrationName
  })
}

/** The committed migrations' names, oldest first (their folders under `migrationsDir`). */
export function migrationNames(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return []
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
}

/** The names of the migrations `sqlite` has applied (finished, not rolled back); empty for a new database. */
export function appliedMigrationNames(sqlite: Database.Database): string[] {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()
  if (!hasTable) return []
  return sqlite
    .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')
    .pluck()
    .all() as string[]
}

/**
 * What applyMigrations would apply to the SQLite database: `applied` is what it has (empty for a new database),
 * `pending` the committed migrations it lacks.
 */
export function sqliteMigrationState(config: DatabaseConfig): { applied: string[]; pending: string[] } {
  if (config.provider !== 'sqlite') throw new Error('sqliteMigrationState is for SQLite only')
  const sqlite = new Database(config.sqlitePath, { fileMustExist: true, timeout: 5000 })
  try {
    const applied = appliedMigrationNames(sqlite)
    const done = new Set(applied)
    return { applied, pending: migrationNames(config.migrationsDir).filter((name) => !done.has(name)) }
  } finally {
    sqlite.close()
  }
}
