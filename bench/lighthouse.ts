/**
 * `npm run lighthouse`: Lighthouse 12.2.3's four scores (performance, accessibility, best practices, SEO) for each
 * page below, in both interface languages, on the production build, with Lighthouse's default mobile profile
 * (a Moto G Power-sized screen, simulated slow 4G and a 4× slower CPU). Offline: the browser resolves no host but
 * this machine. A benchmark, not a test: it fails only when it cannot measure. Figures in docs/performance.md.
 *
 * The server is the one the e2e tests run (KEYCLAIMS_TEST_CLOCK=1, so its fixture route makes the signed-in users),
 * on a fresh SQLite file in var/lighthouse/, on BENCH_PORT (default 3296). Each language has its own user, whose
 * interface and cards are in that language. Writes test-results/lighthouse.json (the scores) and each page's whole
 * report in test-results/lighthouse/; prints a table, and every audit
 * below full marks outside performance, so the points lost can be found.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import type { Result } from 'lighthouse'
import { resolveChromium } from '../e2e/chromium'
import { waitFor } from './server'

/** The pages measured: one line each. A page that needs no account is measured signed out. */
const PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'home', path: '/', signedIn: true },
  { name: 'review', path: '/review', signedIn: true },
  { name: 'quiz', path: '/quiz', signedIn: true },
  { name: 'progress', path: '/progress', signedIn: true },
  { name: 'statistics', path: '/statistics', signedIn: true },
  { name: 'talks', path: '/talks', signedIn: true },
  { name: 'browse', path: '/browse', signedIn: true },
  { name: 'section', path: '/sections/01', signedIn: true },
  { name: 'settings', path: '/settings', signedIn: true },
  { name: 'deck', path: '/deck', signedIn: true },
  { name: 'account', path: '/account', signedIn: true },
  { name: 'sign-in', path: '/sign-in', signedIn: false },
]
/** `npm run lighthouse -- review settings` measures only those pages; `-- --runs=1` one run a page. */
const CHOSEN = process.argv.slice(2).filter((a) => !a.startsWith('--'))
/**
 * Runs a page: the report kept is the median run (Lighthouse's own choice: closest to the median first paint and time
 * to interactive). A page's performance score moved by up to 15 points between runs here.
 */
const RUNS = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 3)
const MEASURED = CHOSEN.length ? PAGES.filter((p) => CHOSEN.includes(p.name)) : PAGES
const LANGUAGES = [
  { interfaceLanguage: 'en', acceptLanguage: 'en-US,en;q=0.9' },
  { interfaceLanguage: 'zh', acceptLanguage: 'zh-CN,zh;q=0.9' },
] as const
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

const PORT = Number(process.env.BENCH_PORT ?? 3296)
const BASE = `http://127.0.0.1:${PORT}`
const DB_FILE = path.join(process.cwd(), 'var', 'lighthouse', 'lighthouse.db')
const REPORTS = path.join(process.cwd(), 'test-results', 'lighthouse')
const SECRET = 'lighthouse-only-secret-0123456789-abcdef'

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const

type Row = { page: string; path: string; language: string; scores: Record<string, number>; metrics: Record<string, number>; shortfalls: string[]; performanceRuns: number[] }

/** What an audit found, briefly: the kinds of issue, or the first items' text. */
function detailOf(audit: Result['audits'][string]): string {
  const items = (audit.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []
  const said = items.slice(0, 3).map((item) => {
    const first = (item.subItems as { items?: unknown[] } | undefined)?.items?.[0]
    return `${String(item.issueType ?? item.description ?? item.source ?? item.url ?? '')}${first ? ` ${JSON.stringify(first).slice(0, 200)}` : ''}`
  })
  return said.length ? `: ${said.join(', ')}` : ''
}

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
  const unknown = CHOSEN.filter((name) => !PAGES.some((p) => p.name === name))
  if (unknown.length) throw new Error(`no page named ${unknown.join(', ')}; the pages: ${PAGES.map((p) => p.name).join(', ')}`)
  // Lighthouse's median-run helper, which it ships as plain JavaScript without types.
  const { computeMedianRun } = (await import('lighthouse/core/lib/median-run.js' as string)) as { computeMedianRun: (runs: Result[]) => Result }
  const { buildIfNeeded, serverScript } = await import('../scripts/start')
  const { freshSqliteDatabase } = await import('../scripts/prepare')
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KEYCLAIMS_TEST_CLOCK: '1' }
  buildIfNeeded(env)
  mkdirSync(path.dirname(DB_FILE), { recursive: true })
  mkdirSync(REPORTS, { recursive: true })
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
      for (const page of MEASURED) {
        // A first load warms the server's caches for this page, as a person's second visit would find them.
        await fetch(`${BASE}${page.path}`, { headers: page.signedIn ? { cookie: `better-auth.session_token=${cookie}` } : {} })
        const headers: Record<string, string> = { 'Accept-Language': language.acceptLanguage }
        if (page.signedIn) headers.Cookie = `better-auth.session_token=${cookie}`
        const runs: Result[] = []
        for (let run = 0; run < RUNS; run++) runs.push(await audit(`${BASE}${page.path}`, chrome.port, headers))
        const failed = runs.find((r) => r.runtimeError)
        if (failed) throw new Error(`Lighthouse could not load ${page.path}: ${failed.runtimeError!.message}`)
        const lhr = computeMedianRun(runs)
        const spread = runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100))
        // The whole report, for whoever wants to see an audit's details (open it in Lighthouse's viewer).
        writeFileSync(path.join(REPORTS, `${page.name}-${language.interfaceLanguage}.json`), JSON.stringify(lhr))
        const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]))
        // What cost points outside performance (whose audits are timings): the audit ids and titles.
        const shortfalls = CATEGORIES.filter((c) => c !== 'performance').flatMap((c) =>
          lhr.categories[c]!.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1).map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]!.title}${detailOf(lhr.audits[ref.id]!)})`),
        )
        // Performance's own figures, to see which one cost the points: first and largest paint, blocking time, shift.
        const metrics = Object.fromEntries(METRICS.map((m) => [m, m === 'cumulative-layout-shift' ? Math.round((lhr.audits[m]?.numericValue ?? NaN) * 1000) / 1000 : Math.round(lhr.audits[m]?.numericValue ?? NaN)]))
        const row = { page: page.name, path: page.path, language: language.interfaceLanguage, scores, metrics, shortfalls, performanceRuns: spread }
        rows.push(row)
        const timings = `FCP ${metrics['first-contentful-paint']} ms, LCP ${metrics['largest-contentful-paint']} ms, TBT ${metrics['total-blocking-time']} ms, CLS ${metrics['cumulative-layout-shift']}`
        const runsSaid = RUNS > 1 ? `   (performance of the ${RUNS} runs: ${spread.join(', ')})` : ''
        console.log(`${page.name.padEnd(9)} ${language.interfaceLanguage}  ${CATEGORIES.map((c) => String(scores[c]).padStart(3)).join(' ')}   ${timings}${runsSaid}${shortfalls.length ? `   ${shortfalls.join('; ')}` : ''}`)
      }
    }
    printTable(rows)
    mkdirSync('test-results', { recursive: true })
    writeFileSync(path.join('test-results', 'lighthouse.json'), JSON.stringify({ lighthouse: '12.2.3', browser: version, profile: 'mobile', runsPerPage: RUNS, at: new Date().toISOString(), rows }, null, 2))
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

/**
 * One Lighthouse run, by its own CLI in a plain Node: under tsx the functions Lighthouse sends into the page carry
 * esbuild's `__name` helper, which the page does not have ("__name is not defined").
 */
async function audit(url: string, port: number, headers: Record<string, string>): Promise<Result> {
  const cli = path.join(process.cwd(), 'node_modules', 'lighthouse', 'cli', 'index.js')
  const args = [cli, url, `--port=${port}`, '--output=json', '--output-path=stdout', '--quiet', `--only-categories=${CATEGORIES.join(',')}`, `--extra-headers=${JSON.stringify(headers)}`]
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 })
  return JSON.parse(stdout) as Result
}

/** docs/performance.md's table: a page a line, each score as "en / zh". */
function printTable(rows: Row[]) {
  console.log('\n| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|')
  for (const page of MEASURED) {
    const mine = rows.filter((r) => r.page === page.name)
    const cell = (c: string) => mine.map((r) => r.scores[c]).join(' / ')
    console.log(`| ${page.name} (\`${page.path}\`) | ${CATEGORIES.map(cell).join(' | ')} |`)
  }
}

main().catch((err) => {
  console.error(`lighthouse: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
