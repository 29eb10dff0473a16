import { defineConfig } from '@playwright/test'
import { E2E_BASE_URL, E2E_PG_BASE_URL } from './e2e/env'

// Debian's Chromium (never `playwright install`); PLAYWRIGHT_CHROMIUM points elsewhere for those who have another.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  // Not test-results/ itself: Playwright empties its output folder, and the unit report lives there.
  outputDir: 'test-results/playwright',
  // Every journey on SQLite (the embedded default); those that touch the study store on PostgreSQL too.
  projects: [
    { name: 'sqlite', use: { baseURL: E2E_BASE_URL } },
    { name: 'postgresql', use: { baseURL: E2E_PG_BASE_URL }, testMatch: ['accounts.spec.ts', 'api-reviews.spec.ts', 'daily-review.spec.ts'] },
  ],
  use: {
    timezoneId: 'America/New_York',
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  webServer: {
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    // The script starts the SQLite server, then the PostgreSQL one: ready when the second answers.
    url: `${E2E_PG_BASE_URL}/sign-in`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
