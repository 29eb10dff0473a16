/**
 * `npm run lighthouse`: Lighthouse 12.2.3's four scores (performance, accessibility, best practices, SEO) for each
 * page below, in both interface languages, on the production build, with Lighthouse's default mobile profile
 * (a Moto G Power-sized screen, simulated slow 4G and a 4× slower CPU). Offline: the browser resolves no host but
 * this machine. A benchmark, not a test: it fails only when it cannot measure. Figures in the README.
 *
 * The server is the one the e2e tests run (KEYCLAIMS_TEST_CLOCK=1, so its fixture route makes the signed-in users),
 * on a fresh SQLite file in var/lighthouse/, on BENCH_PORT (default 3296). Each language has its own user, whose
 * interface and cards are in that language. Writes test-results/lighthouse.json; prints a table, and every audit
 * below full marks outside performance, so the points lost can be found.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { resolveChromium } from '../e2e/chromium'
import { waitFor } from './server'

/**
 * The pages measured: one line each. A page that needs no account is measured signed out. The quiz, progress and
 * statistics pages get a line here when they land.
 */
const PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'home', path: '/', signedIn: true },
  { name: 'review', path: '/review', signedIn: true },
  { name: 'section', path: '/sections/01', signedIn: true },
  { name: 'settings', path: '/settings', signedIn: true },
  { name: 'deck', path: '/deck', signedIn: true },
  { name: 'account', path: '/account', signedIn: true },
  { name: 'sign in', path: '/sign-in', signedIn: false },
]
const LANGUAGES = [
  { interfaceLanguage: 'en', acceptLanguage: 'en-US,en;q=0.9' },
  { interfaceLanguage: 'zh', acceptLanguage: 'zh-CN,zh;q=0.9' },
] as const
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

const PORT = Number(process.env.BENCH_PORT ?? 3296)
const BASE = `http://127.0.0.1:${PORT}`
const DB_FILE = path.join(process.cwd(), 'var', 'lighthouse', 'lighthouse.db')
const SECRET = 'lighthouse-only-secret-0123456789-abcdef'

type Row = { page: string; path: string; language: string; scores: Record<string, number>; shortfalls: string[] }

async function createUser(interfaceLanguage: 'en' | 'zh'): Promise<string> {
  const res = await fetch(`${BASE}/api/test/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ interfaceLanguage, displayLanguage: interfaceLanguage }),
  })
  if (!res.ok) throw new Error(`creating a user: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { cookie: string }).cookie
}

function startServer(env: NodeJS.ProcessEnv, serverScript: string): ChildProcess {
  // Its own process group, so the server and anything it starts end together.
  return spawn(process.execPath, [serverScript, '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
}

async function main() {
  const { buildIfNeeded, serverScript } = await import('../scripts/start')
  const { freshSqliteDatabase } = await import('../scripts/prepare')
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KEYCLAIMS_TEST_CLOCK: '1' }
  buildIfNeeded(env)
  mkdirSync(path.dirname(DB_FILE), { recursive: true })
  await freshSqliteDatabase(DB_FILE, SECRET)
  const server = startServer({ ...env, DATABASE_URL: `file:${DB_FILE}`, BETTER_AUTH_SECRET: SECRET }, serverScript)
  const browser = resolveChromium()
  let chrome: chromeLauncher.LaunchedChrome | undefined
  try {
    await waitFor(`${BASE}/api/health`, 60_000)
    chrome = await chromeLauncher.launch({ chromePath: browser.executablePath, chromeFlags: ['--headless=new', ...browser.args] })
    const version = ((await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string }).Browser
    console.log(`Lighthouse 12.2.3, mobile profile, on ${version} (${browser.source}), ${BASE}`)
    const rows: Row[] = []
    for (const language of LANGUAGES) {
      const cookie = await createUser(language.interfaceLanguage)
      for (const page of PAGES) {
        // A first load warms the server's caches for this page, as a person's second visit would find them.
        await fetch(`${BASE}${page.path}`, { headers: page.signedIn ? { cookie: `better-auth.session_token=${cookie}` } : {} })
        const headers: Record<string, string> = { 'Accept-Language': language.acceptLanguage }
        if (page.signedIn) headers.Cookie = `better-auth.session_token=${cookie}`
        const result = await lighthouse(`${BASE}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], extraHeaders: headers })
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`)
        const lhr = result.lhr
        if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${page.path}: ${lhr.runtimeError.message}`)
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]))
        // What cost points outside performance (whose audits are timings): the audit ids and titles.
        const shortfalls = CATEGORIES.filter((c) => c !== 'performance').flatMap((c) =>
          lhr.categories[c]!.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1).map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]!.title})`),
        )
        const row = { page: page.name, path: page.path, language: language.interfaceLanguage, scores, shortfalls }
        rows.push(row)
        console.log(`${page.name.padEnd(9)} ${language.interfaceLanguage}  ${CATEGORIES.map((c) => String(scores[c]).padStart(3)).join(' ')}${shortfalls.length ? `   ${shortfalls.join('; ')}` : ''}`)
      }
    }
    printTable(rows)
    mkdirSync('test-results', { recursive: true })
    writeFileSync(path.join('test-results', 'lighthouse.json'), JSON.stringify({ lighthouse: '12.2.3', browser: version, profile: 'mobile', at: new Date().toISOString(), rows }, null, 2))
    console.log('wrote test-results/lighthouse.json')
  } finally {
    await chrome?.kill()
    try {
      process.kill(-server.pid!, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
}

/** The README's table: a page a line, each score as "en / zh". */
function printTable(rows: Row[]) {
  console.log('\n| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|')
  for (const page of PAGES) {
    const mine = rows.filter((r) => r.page === page.name)
    const cell = (c: string) => mine.map((r) => r.scores[c]).join(' / ')
    console.log(`| ${page.name} (\`${page.path}\`) | ${CATEGORIES.map(cell).join(' | ')} |`)
  }
}

main().catch((err) => {
  console.error(`lighthouse: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
