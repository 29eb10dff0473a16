import path from 'node:path'
import { embeddedPgUrl } from '../lib/db/embedded-pg'

/**
 * The e2e servers' own databases, ports and secret: never the development database. The same production build runs
 * twice: on SQLite (every journey) and on an embedded PostgreSQL (the journeys that touch the study store).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_PG_SERVER_PORT = E2E_PORT + 1
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 55000 + (E2E_PORT % 1000))
export const E2E_DB_PATH = path.join(process.cwd(), 'var', 'e2e', 'keyclaims-e2e.db')
export const E2E_PG_DATABASE = 'keyclaims_e2e'
export const E2E_SECRET = 'e2e-only-secret-not-for-production-0123456789'
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`
export const E2E_PG_BASE_URL = `http://127.0.0.1:${E2E_PG_SERVER_PORT}`
export const E2E_PG_URL = embeddedPgUrl(E2E_PG_PORT, E2E_PG_DATABASE)
/**
 * A third server on a SQLite file of its own, for the hostile-input suite (fuzz and access matrix): nothing else
 * writes there, so "0 rows written" can be checked over the whole database.
 */
export const E2E_HOSTILE_PORT = Number(process.env.E2E_HOSTILE_PORT ?? E2E_PORT + 2)
export const E2E_HOSTILE_DB_PATH = path.join(process.cwd(), 'var', 'e2e', 'keyclaims-hostile.db')
export const E2E_HOSTILE_BASE_URL = `http://127.0.0.1:${E2E_HOSTILE_PORT}`
/**
 * A second server process on the same PostgreSQL database, as two servers behind one load balancer would be: for the
 * tests of what must hold across servers (the password limits under a burst, e2e/password-burst.spec.ts).
 */
export const E2E_PG_SECOND_SERVER_PORT = E2E_PORT + 3
export const E2E_PG_SECOND_BASE_URL = `http://127.0.0.1:${E2E_PG_SECOND_SERVER_PORT}`
