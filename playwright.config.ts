import { defineConfig } from '@playwright/test'
import { E2E_BASE_URL, E2E_HOSTILE_BASE_URL, E2E_PG_BASE_URL, E2E_PG_SECOND_BASE_URL } from './e2e/env'
import { resolveChromium, type ResolvedChromium } from './e2e/chromium'

// Resolved once in the runner and handed to the workers (which read this file again) through their environment.
const cached = process.env.KEYCLAIMS_E2E_CHROMIUM
const chromium: ResolvedChromium = cached ? JSON.parse(cached) : resolveChromium()
if (!cached) {
  process.env.KEYCLAIMS_E2E_CHROMIUM = JSON.stringify(chromium)
  console.log(`e2e browser: ${chromium.source}`)
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // E2E_JSON_REPORT: .ci/run's second run (the bundled Chromium) keeps a report of its own.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT || 'test-results/e2e.json' }]],
  // Not test-results/ itself: Playwright empties its output folder, and the unit report lives there.
  outputDir: 'test-results/playwright',
  // Every journey on SQLite (the embedded default); those that touch the study store on PostgreSQL too.
  projects: [
    { name: 'sqlite', use: { baseURL: E2E_BASE_URL }, testIgnore: ['hostile-input.spec.ts'] },
    // The fuzz test and the access matrix, on a server and database of their own (nothing else writes there).
    { name: 'hostile', use: { baseURL: E2E_HOSTILE_BASE_URL }, testMatch: ['hostile-input.spec.ts'] },
    { name: 'postgresql', use: { baseURL: E2E_PG_BASE_URL }, testMatch: ['accounts.spec.ts', 'api-reviews.spec.ts', 'daily-review.spec.ts', 'daily-queue.spec.ts', 'progress.spec.ts', 'quiz.spec.ts', 'review-session.spec.ts', 'study-operations.spec.ts', 'talks.spec.ts', 'card-browser.spec.ts', 'password-burst.spec.ts', 'reader.spec.ts'] },
  ],
  use: {
    timezoneId: 'America/New_York',
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromium.executablePath, args: chromium.args },
  },
  webServer: {
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    // The script starts the SQLite servers, then the two PostgreSQL ones: ready when the last answers.
    url: `${E2E_PG_SECOND_BASE_URL}/sign-in`,
    // The first build, then four servers (migrations and decks for each database): minutes on a loaded machine.
    timeout: 480_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
