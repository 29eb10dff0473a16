// Adds up the unit (vitest), e2e (Playwright) and crash-test JSON reports into the one line CI reads: "N passed, N failed".
// Further Playwright reports named as arguments (.ci/run's run on the bundled Chromium) are added in too.
// A runner that did not report (the type check or an earlier step failed) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

const unit = read('test-results/unit.json')
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
} else failed += 1

for (const file of ['test-results/e2e.json', ...process.argv.slice(2)]) {
  const e2e = read(file)
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky
    // A run that never got to its tests (the server did not start) reports errors, not failed tests.
    failed += e2e.stats.unexpected + (e2e.errors?.length > 0 ? 1 : 0)
  } else failed += 1
}

// The crash test (npm run test:crash) is one test: all of its checks held, or not.
const crash = read('test-results/crash.json')
if (crash?.passed) passed += 1
else failed += 1

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
