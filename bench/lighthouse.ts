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
 *
 * `npm run lighthouse -- --floor` measures the framework's own floor instead: a minimal Next app (one heading, a
 * paragraph and a form; no component, style or script of ours) built with this project's Next into a temporary
 * folder and served by `next start`, under the same Lighthouse, Chromium and profile: the score a page of ours starts
 * from before any of its own content, style or script (it is served without our server script, cookie or language).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import type { Result } from 'lighthouse'
import { resolveChromium } from '../e2e/chromium'
import { waitFor } from './server'

/**
 * The pages measured: one line each. A page that needs no account is measured signed out. `{claim}`, `{card}`,
 * `{talk}` and `{quiz}` stand for one of the person's own (ids()): the first claim of the map, the first card of the
 * browser, a talk over the whole deck and a quiz of the whole deck, made for each person before the runs.
 */
const PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'home', path: '/', signedIn: true },
  { name: 'review', path: '/review', signedIn: true },
  { name: 'read', path: '/read', signedIn: true },
  { name: 'reading', path: '/read/01', signedIn: true },
  { name: 'quiz', path: '/quiz', signedIn: true },
  { name: 'quiz-run', path: '/quiz/{quiz}', signedIn: true },
  { name: 'progress', path: '/progress', signedIn: true },
  { name: 'claim', path: '/progress/{claim}', signedIn: true },
  { name: 'statistics', path: '/statistics', signedIn: true },
  { name: 'talks', path: '/talks', signedIn: true },
  { name: 'talk', path: '/talks/{talk}', signedIn: true },
  { name: 'talk-sum', path: '/talks/{talk}/summary', signedIn: true },
  { name: 'browse', path: '/browse', signedIn: true },
  { name: 'card', path: '/browse/{card}', signedIn: true },
  { name: 'section', path: '/sections/01', signedIn: true },
  { name: 'settings', path: '/settings', signedIn: true },
  { name: 'deck', path: '/deck', signedIn: true },
  { name: 'account', path: '/account', signedIn: true },
  { name: 'sign-in', path: '/sign-in', signedIn: false },
]
/** `npm run lighthouse -- review settings` measures only those pages; `-- --runs=1` one run a page; `-- --floor` the framework alone. */
const CHOSEN = process.argv.slice(2).filter((a) => !a.startsWith('--'))
/**
 * Runs a page: the report kept is the median run (Lighthouse's own choice: closest to the median first paint and time
 * to interactive). A page's performance score moved by up to 15 points between runs here.
 */
const RUNS = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 3)
const FLOOR = process.argv.includes('--floor')
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

type Row = {
  page: string
  path: string
  language: string
  scores: Record<string, number>
  metrics: Record<string, number>
  shortfalls: string[]
  performanceRuns: number[]
  /** Each run's Lighthouse CPU benchmark (its environment's benchmarkIndex) and the machine's 1-minute load average after it. */
  benchmarkIndexes: number[]
  loadAverages: number[]
}

/** The machine's 1-minute load average, to one decimal: the figures beside it mean little above the core count. */
const load1 = () => Math.round(loadavg()[0]! * 10) / 10

/** What an audit found, briefly: the kinds of issue, or the first items' text. */
function detailOf(audit: Result['audits'][string]): string {
  const items = (audit.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []
  const said = items.slice(0, 3).map((item) => {
    const first = (item.subItems as { items?: unknown[] } | undefined)?.items?.[0]
    return `${String(item.issueType ?? item.description ?? item.source ?? item.url ?? '')}${first ? ` ${JSON.stringify(first).slice(0, 200)}` : ''}`
  })
  return said.length ? `: ${said.join(', ')}` : ''
}

/**
 * Where the blocking time comes from: the script evaluation Lighthouse attributes to the page's scripts (its
 * bootup-time audit, already scaled by the simulated 4× slower CPU) and the JavaScript sent (compressed, KB).
 */
function scriptCost(lhr: Result): { scriptMs: number; scriptKB: number } {
  const bootup = (lhr.audits['bootup-time']?.details as { items?: { scripting?: number }[] } | undefined)?.items ?? []
  const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? []
  return {
    scriptMs: Math.round(bootup.reduce((ms, item) => ms + (item.scripting ?? 0), 0)),
    scriptKB: Math.round(requests.filter((r) => r.resourceType === 'Script').reduce((bytes, r) => bytes + (r.transferSize ?? 0), 0) / 1024),
  }
}

async function createUser(interfaceLanguage: 'en' | 'zh'): Promise<{ id: string; cookie: string }> {
  const res = await fetch(`${BASE}/api/test/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ interfaceLanguage, displayLanguage: interfaceLanguage }),
  })
  if (!res.ok) throw new Error(`creating a user: ${res.status} ${await res.text()}`)
  return (await res.json()) as { id: string; cookie: string }
}

/**
 * The ids the pages with a `{…}` in their path need, for this person: a claim and a card found in the pages that link
 * to them (the map and the browser), a talk and a quiz made through the app's own services on the server's database.
 */
async function ids(userId: string, cookie: string): Promise<Record<string, string>> {
  const { createDb } = await import('../lib/db/prisma')
  const { databaseConfig } = await import('../lib/db/config')
  const { createTalks } = await import('../lib/data/talk-service')
  const { createQuiz } = await import('../lib/data/quiz-service')
  const { talkInputSchema } = await import('../lib/core/talk')
  const { quizOptionsSchema } = await import('../lib/core/quiz')
  const { studyDay, studyDayDate } = await import('../lib/core/study-day')
  const linked = async (page: string, pattern: RegExp) => {
    const html = await (await fetch(`${BASE}${page}`, { headers: { cookie: `better-auth.session_token=${cookie}` } })).text()
    const found = pattern.exec(html)?.[1]
    if (!found) throw new Error(`no link matching ${pattern} on ${page}`)
    return decodeURIComponent(found)
  }
  const db = createDb(databaseConfig({ DATABASE_URL: `file:${DB_FILE}` }))
  try {
    const now = new Date()
    // The test users' time zone and rollover hour (lib/server/test-users.ts's defaults).
    const today = studyDay(now, 'America/New_York', 4)
    const sections = (await db.prisma.section.findMany({ where: { retired: false } })).map((s) => `${s.deckId}/${s.id}`)
    const talkInput = talkInputSchema(studyDayDate(today)).parse({ title: 'Lighthouse talk', date: studyDayDate(today + 30), sections, tags: [], minutesPerDay: '30' })
    const talk = await createTalks(db.exec).create(userId, talkInput, now)
    const started = await createQuiz(db.exec).start(userId, quizOptionsSchema.parse({ scope: 'all', length: 20 }), now)
    if (started.kind !== 'started') throw new Error(`starting a quiz: ${started.kind}`)
    return {
      claim: await linked('/progress', /href="\/progress\/([^"?#/]+)"/),
      card: await linked('/browse', /href="\/browse\/([^"?#/]+)"/),
      talk,
      quiz: started.id,
    }
  } finally {
    await db.prisma.$disconnect()
  }
}

function startServer(env: NodeJS.ProcessEnv, serverScript: string): ChildProcess {
  // Its own process group, so the server and anything it starts end together.
  return spawn(process.execPath, [serverScript, '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
}

/**
 * The minimal Next app of `--floor`: what App Router sends and hydrates for a page with nothing of ours in it. Its
 * own folder outside the project (the project's proxy.ts, instrumentation and config would otherwise apply), with the
 * project's node_modules linked in; Turbopack, as the app is built, may then read from the whole file system.
 */
const FLOOR_APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'keyclaims-lighthouse-floor', private: true }),
  'next.config.js': "module.exports = { turbopack: { root: '/' } }\n",
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', lib: ['dom', 'esnext'], jsx: 'react-jsx', module: 'esnext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, esModuleInterop: true, isolatedModules: true, allowJs: true, resolveJsonModule: true },
    include: ['**/*.ts', '**/*.tsx'],
    exclude: ['node_modules'],
  }),
  'app/layout.tsx': `export const dynamic = 'force-dynamic'
export const metadata = { title: 'Floor', description: 'A page with nothing of Keyclaims in it' }
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html lang="en"><body>{children}</body></html>
}
`,
  'app/page.tsx': `export default function Page() {
  return (
    <main>
      <h1>Sign in</h1>
      <p>A paragraph long enough to be the largest thing this page paints, as the sign-in page's introduction is.</p>
      <form><label>Email <input type="email" /></label> <label>Password <input type="password" /></label> <button>Sign in</button></form>
    </main>
  )
}
`,
}

/** `--floor`: builds and serves the minimal app, measures it RUNS times, prints each run and the median. */
async function measureFloor(computeMedianRun: (runs: Result[]) => Result) {
  const { mkdtempSync, rmSync, symlinkSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const browser = resolveChromium()
  // A server left on the port would be measured in the minimal app's place (its `next start` would fail to listen).
  if (await fetch(`${BASE}/`).then(() => true, () => false)) throw new Error(`${BASE} already answers: stop what serves it, or choose another BENCH_PORT`)
  const folder = mkdtempSync(path.join(tmpdir(), 'keyclaims-lighthouse-floor-'))
  const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next')
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }
  // The build and the server each in a process group of their own, so that they and what they start end together.
  const run = (args: string[]) => spawn(process.execPath, [nextBin, ...args], { cwd: folder, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
  const children: ChildProcess[] = []
  let chrome: chromeLauncher.LaunchedChrome | undefined
  const cleanUp = async () => {
    await chrome?.kill()
    for (const child of children) {
      try {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
      } catch {
        /* already gone */
      }
    }
    rmSync(folder, { recursive: true, force: true })
  }
  // Stopped from outside (Ctrl-C, a time limit), the build, the server, Chromium and the folder go too.
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    for (const [file, text] of Object.entries(FLOOR_APP)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true })
      writeFileSync(path.join(folder, file), text)
    }
    symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(folder, 'node_modules'), 'dir')
    const build = run(['build'])
    children.push(build)
    const built = await new Promise<number | null>((resolve) => build.once('exit', resolve))
    if (built !== 0) throw new Error(`next build of the minimal app failed (exit ${built})`)
    const server = run(['start', '-p', String(PORT), '-H', '127.0.0.1'])
    children.push(server)
    const exited = new Promise<never>((_, reject) => server.once('exit', (code) => reject(new Error(`next start exited (${code}) before it answered`))))
    exited.catch(() => {}) // its stop at the end is not an error
    await Promise.race([waitFor(`${BASE}/`, 60_000), exited])
    chrome = await chromeLauncher.launch({ chromePath: browser.executablePath, chromeFlags: ['--headless=new', ...browser.args] })
    console.log(`Lighthouse 12.2.3, mobile profile, the framework alone (Next's minimal app), ${BASE}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`)
    const runs: Result[] = []
    for (let n = 0; n < RUNS; n++) {
      const lhr = await auditRetrying(`${BASE}/`, chrome.port, {})
      if (lhr.runtimeError) throw new Error(`Lighthouse could not load the minimal app: ${lhr.runtimeError.message}`)
      runs.push(lhr)
      console.log(`run ${n + 1}: ${floorLine(lhr)}; load ${load1()}`)
    }
    const median = computeMedianRun(runs)
    const scores = runs.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100)).sort((a, b) => a - b)
    const middle = scores.length % 2 ? scores[(scores.length - 1) / 2]! : (scores[scores.length / 2 - 1]! + scores[scores.length / 2]!) / 2
    console.log(`median run (Lighthouse's choice, as for the pages): ${floorLine(median)}`)
    console.log(`the scores in order: ${scores.join(', ')}; their median ${middle}`)
    mkdirSync(REPORTS, { recursive: true })
    writeFileSync(path.join(REPORTS, 'floor.json'), JSON.stringify(median))
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** A run of the floor in a line: its performance score and the figures the score is made of. */
function floorLine(lhr: Result): string {
  const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN)
  const { scriptMs, scriptKB } = scriptCost(lhr)
  return `performance ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}, script ${scriptMs} ms, JS ${scriptKB} KB, FCP ${ms('first-contentful-paint')} ms, LCP ${ms('largest-contentful-paint')} ms, TBT ${ms('total-blocking-time')} ms; benchmarkIndex ${Math.round(lhr.environment.benchmarkIndex)}`
}

async function main() {
  const unknown = CHOSEN.filter((name) => !PAGES.some((p) => p.name === name))
  if (unknown.length) throw new Error(`no page named ${unknown.join(', ')}; the pages: ${PAGES.map((p) => p.name).join(', ')}`)
  // Lighthouse's median-run helper, which it ships as plain JavaScript without types.
  const { computeMedianRun } = (await import('lighthouse/core/lib/median-run.js' as string)) as { computeMedianRun: (runs: Result[]) => Result }
  if (FLOOR) return measureFloor(computeMedianRun)
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
  const cleanUp = async () => {
    await chrome?.kill()
    try {
      process.kill(-server.pid!, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  // Stopped from outside (Ctrl-C, a time limit), the server and Chromium go too: left running, they hold the port
  // and the next run fails.
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    await waitFor(`${BASE}/api/health`, 60_000)
    chrome = await chromeLauncher.launch({ chromePath: browser.executablePath, chromeFlags: ['--headless=new', ...browser.args] })
    const version = ((await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string }).Browser
    console.log(`Lighthouse 12.2.3, mobile profile, on ${version} (${browser.source}), ${BASE}; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`)
    const rows: Row[] = []
    for (const language of LANGUAGES) {
      const { id: userId, cookie } = await createUser(language.interfaceLanguage)
      const own = await ids(userId, cookie)
      for (const measured of MEASURED) {
        const page = { ...measured, path: measured.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(own[key]!)) }
        // A first load warms the server's caches for this page, as a person's second visit would find them.
        await fetch(`${BASE}${page.path}`, { headers: page.signedIn ? { cookie: `better-auth.session_token=${cookie}` } : {} })
        const headers: Record<string, string> = { 'Accept-Language': language.acceptLanguage }
        if (page.signedIn) headers.Cookie = `better-auth.session_token=${cookie}`
        const runs: Result[] = []
        const loadAverages: number[] = []
        for (let run = 0; run < RUNS; run++) {
          runs.push(await auditRetrying(`${BASE}${page.path}`, chrome.port, headers))
          loadAverages.push(load1())
        }
        const benchmarkIndexes = runs.map((r) => Math.round(r.environment.benchmarkIndex))
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
        const metrics: Record<string, number> = {
          ...Object.fromEntries(METRICS.map((m) => [m, m === 'cumulative-layout-shift' ? Math.round((lhr.audits[m]?.numericValue ?? NaN) * 1000) / 1000 : Math.round(lhr.audits[m]?.numericValue ?? NaN)])),
          ...scriptCost(lhr),
        }
        const row = { page: page.name, path: page.path, language: language.interfaceLanguage, scores, metrics, shortfalls, performanceRuns: spread, benchmarkIndexes, loadAverages }
        rows.push(row)
        const timings = `script ${metrics.scriptMs} ms, JS ${metrics.scriptKB} KB, FCP ${metrics['first-contentful-paint']} ms, LCP ${metrics['largest-contentful-paint']} ms, TBT ${metrics['total-blocking-time']} ms, CLS ${metrics['cumulative-layout-shift']}`
        const runsSaid = `   (performance ${spread.join(', ')}; benchmarkIndex ${benchmarkIndexes.join(', ')}; load ${loadAverages.join(', ')})`
        console.log(`${page.name.padEnd(10)} ${language.interfaceLanguage}  ${CATEGORIES.map((c) => String(scores[c]).padStart(3)).join(' ')}   ${timings}${runsSaid}${shortfalls.length ? `   ${shortfalls.join('; ')}` : ''}`)
      }
    }
    printTable(rows)
    mkdirSync('test-results', { recursive: true })
    writeFileSync(path.join('test-results', 'lighthouse.json'), JSON.stringify({ lighthouse: '12.2.3', browser: version, profile: 'mobile', runsPerPage: RUNS, at: new Date().toISOString(), rows }, null, 2))
    console.log('wrote test-results/lighthouse.json')
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
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

/**
 * A run, tried again (twice at most) when Lighthouse could not record it: on a loaded machine its trace sometimes
 * lacks the navigation's start (NO_NAVSTART), a failure of the recording, not of the page.
 */
async function auditRetrying(url: string, port: number, headers: Record<string, string>): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await audit(url, port, headers)
      if (!result.runtimeError || attempt === 3) return result
      console.log(`  ${url}: ${result.runtimeError.code}, run again`)
    } catch (err) {
      if (attempt === 3) throw err
      console.log(`  ${url}: ${err instanceof Error ? err.message.split('\n').find((l) => l.includes('Runtime error')) ?? 'failed' : 'failed'}, run again`)
    }
  }
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
