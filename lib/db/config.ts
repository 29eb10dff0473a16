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
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: 'postgresql',
      url,
      sqlitePath: '',
      schemaPath: path.join(projectRoot, 'prisma', 'postgres', 'schema.prisma'),
      migrationsDir: path.join(projectRoot, 'prisma', 'postgres', 'migrations'),
    }
  }
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url}"`)
  }
  return {
    provider: 'sqlite',
    url,
    sqlitePath: path.resolve(/*turbopackIgnore: true*/ projectRoot, url.slice('file:'.length)),
    schemaPath: path.join(projectRoot, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(projectRoot, 'prisma', 'migrations'),
  }
}

/** A path as the commands print it: relative inside the project, absolute elsewhere. */
export function displayPath(p: string): string {
  const relative = path.relative(projectRoot, p)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p
}
