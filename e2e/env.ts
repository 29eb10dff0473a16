import path from 'node:path'

/** The e2e server's own database, port and secret: never the development database. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_DB_PATH = path.join(process.cwd(), 'var', 'e2e', 'keyclaims-e2e.db')
export const E2E_SECRET = 'e2e-only-secret-not-for-production-0123456789'
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`
