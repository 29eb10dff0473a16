/**
 * Which Chromium the end-to-end tests drive. Playwright's own browser download (`playwright install`) needs a host
 * other than the npm registry, so: PLAYWRIGHT_CHROMIUM when set, else the system's /usr/bin/chromium (CI installs
 * Debian's, so its figures come from one known browser), else the Chromium shipped inside the npm package
 * @sparticuz/chromium, which needs nothing but `npm install`. KEYCLAIMS_BUNDLED_CHROMIUM=1 forces the last one, so
 * CI can prove it works on a machine that has a system Chromium.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export type ResolvedChromium = { executablePath: string; args: string[]; source: string }

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Offline and quiet: no Google services, no QUIC, every host but this machine unresolvable. */
const OUR_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
]

/**
 * @sparticuz/chromium's flags are for serverless sandboxes. These are left out: the first two would switch off the
 * same-origin rules the app is tested under; in one process a second browser context (a test's second user) closes
 * the browser ("Target page, context or browser has been closed"); and Playwright sets headless mode itself.
 */
const BUNDLED_FLAGS_LEFT_OUT = [/^--disable-web-security$/, /^--allow-running-insecure-content$/, /^--single-process$/, /^--headless/]

/**
 * The package is ESM with an async `executablePath()` (it unpacks the browser to /tmp, ~2 s the first time), and
 * Playwright's config is read synchronously: a child Node answers.
 */
function bundledChromium(): ResolvedChromium {
  const script = `import c from '@sparticuz/chromium'
const executablePath = await c.executablePath()
console.log(JSON.stringify({ executablePath, args: c.args }))`
  let out: string
  try {
    out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  } catch (err) {
    throw new Error(`no Chromium for the e2e tests: neither ${SYSTEM_CHROMIUM} nor @sparticuz/chromium (run npm install) could be used: ${(err as Error).message.split('\n')[0]}`, { cause: err })
  }
  const { executablePath, args } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { executablePath: string; args: string[] }
  const kept = args.filter((flag) => !BUNDLED_FLAGS_LEFT_OUT.some((re) => re.test(flag)))
  return { executablePath, args: [...kept, ...OUR_FLAGS.filter((flag) => !kept.includes(flag))], source: '@sparticuz/chromium 153 (bundled with npm install)' }
}

export function resolveChromium(env: Record<string, string | undefined> = process.env, systemPath = SYSTEM_CHROMIUM): ResolvedChromium {
  const chosen = env.PLAYWRIGHT_CHROMIUM?.trim()
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`PLAYWRIGHT_CHROMIUM is ${chosen}, which does not exist`)
    return { executablePath: chosen, args: OUR_FLAGS, source: `PLAYWRIGHT_CHROMIUM (${chosen})` }
  }
  if (env.KEYCLAIMS_BUNDLED_CHROMIUM !== '1' && existsSync(systemPath)) {
    return { executablePath: systemPath, args: OUR_FLAGS, source: `the system's Chromium (${systemPath})` }
  }
  return bundledChromium()
}
