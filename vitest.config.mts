import { defineConfig } from 'vitest/config'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // The data layer says `import 'server-only'`; under test it runs as server code.
      'server-only': path.join(root, 'node_modules', 'server-only', 'empty.js'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
    // Not UTC: a date read or written in the process's own zone (pg's timestamps, a Date's local fields) shows up.
    env: { TZ: 'America/New_York' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
