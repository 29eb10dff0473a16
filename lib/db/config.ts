/**
 * Where the database is and which schema and migrations go with it. SQLite is the embedded default: a file under
 * var/ (gitignored). DATABASE_URL overrides it: `file:/abs/or/relative.db` for another SQLite file, or
 * `postgresql://…` for PostgreSQL (its schema and migrations live in prisma/postgres/).
 */
import path from 'node:path'

export type DatabaseConfig = {
  provider: 'sqlite' | 'postgresql'
  url: string
  /** Absolute path of the SQLite file; empty for PostgreSQL. */
  sqlitePath: string
  schemaPath: string
  migrationsDir: string
}

export const projectRoot = process.cwd()
export const defaultSqlitePath = path.join(projectRoot, 'var', 'keyclaims.db')

export function databaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || `file:${defaultSqlitePath}`
  if (/^postgres(ql)?:/.test(url)) {
    postgresTarget(url) // a malformed URL fails here, at start-up, not at the first query
    return {
      provider: 'postgresql',
      url,
      sqlitePath: '',
      schemaPath: path.join(projectRoot, 'prisma', 'postgres', 'schema.prisma'),
      migrationsDir: path.join(projectRoot, 'prisma', 'postgres', 'migrations'),
    }
  }
  if (!url.startsWith('file:')) {
    // Only the scheme is repeated: the rest of a URL may hold a password.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0]
    throw new Error(
      `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); ${scheme ? `it starts with ${scheme}` : 'it has no scheme'}`,
    )
  }
  const file = url.slice('file:'.length)
  if (!file || /[?#]/.test(file)) {
    throw new Error(`DATABASE_URL=${url} ${file ? 'has a query or fragment, which SQLite files here do not take' : 'names no file'}: write file:path/to/keyclaims.db`)
  }
  return {
    provider: 'sqlite',
    url,
    sqlitePath: path.resolve(/*turbopackIgnore: true*/ projectRoot, file),
    schemaPath: path.join(projectRoot, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(projectRoot, 'prisma', 'migrations'),
  }
}

export type PostgresTarget = {
  host: string
  port: number
  /** Discrete fields for pg: with a connectionString, pg ignores a `database` given beside it (the shadow database). */
  pool: { host: string; port: number; user: string; password: string; database: string; ssl?: { rejectUnauthorized: false } }
}

/**
 * Parses a postgresql:// URL, or says what is wrong with it. Messages never repeat the URL, since it may hold a
 * password.
 */
export function postgresTarget(url: string): PostgresTarget {
  const form = 'postgresql://user:password@host:5432/database'
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new Error(`DATABASE_URL is not a valid PostgreSQL URL (the form is ${form}; a password with @ : / or # must be percent-encoded)`)
  }
  if (!u.hostname) throw new Error(`DATABASE_URL names no PostgreSQL host (the form is ${form})`)
  const database = decodeURIComponent(u.pathname.slice(1))
  if (!database || database.includes('/')) throw new Error(`DATABASE_URL names no database after the host (the form is ${form})`)
  const port = u.port ? Number(u.port) : 5432
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1')
  return {
    host,
    port,
    pool: {
      host,
      port,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database,
      ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
    },
  }
}

/** A path as the commands print it: relative inside the project, absolute elsewhere. */
export function displayPath(p: string): string {
  const relative = path.relative(projectRoot, p)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p
}
