/**
 * `npm run bench:review`: how long from a grade's key to the next card, as a person at the keyboard sees it, on the
 * production review page in Chromium. Measured in the page: from the grading keydown's `event.timeStamp` (a capturing
 * listener on window, installed before the app's own) to the first animation frame after the next card's prompt is
 * in the DOM (a MutationObserver notices it, then requestAnimationFrame; performance.now() in that callback — both
 * clocks share the page's time origin). So it holds the app's key handler, React's render and commit, and the wait
 * for the next frame; the grade's POST goes on in the background (the screen shows the next card at once) unless
 * the queue on the page ran dry, when the round trip is in the figure, as a person would feel it.
 *
 * A fresh person (the app's own sign-up and settings, lib/server/test-users.ts, as `npm run bench:http` makes them,
 * with a daily new-card limit no run reaches) on a fresh SQLite file in var/bench/, the production server on
 * BENCH_PORT (default 3298) as `npm start` runs it (no test clock). Per phase: WARM_UP answers, then MEASURED ones
 * (`-- --answers N`), each Space (show the answer) then a grade key, mostly 3 (Good). Between answers the page is
 * left to settle (the grade's reply read, the browser idle), as it would be while a person reads the next card.
 * Phases: the desktop as it is, then the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate). `-- --trace` writes a
 * Chromium performance trace of each phase to test-results/review-trace-<phase>.json (open it in DevTools).
 *
 * A benchmark, not a test: it prints its figures beside the targets (median ≤ 16 ms and p95 ≤ 50 ms on the desktop,
 * median ≤ 50 ms at 4×) and fails only when it cannot measure, or when the database lacks an answer it gave.
 * Writes bench/review-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { resolveChromium } from '../e2e/chromium'
import { sqliteTarget } from './http-targets'
import { assertPortFree, startServer, stopServer, waitFor } from './server'
import { quantile } from './timing'

const PORT = Number(process.env.BENCH_PORT ?? 3298)
const BASE = `http://127.0.0.1:${PORT}`
const DB_PATH = path.join(process.cwd(), 'var', 'bench', 'review.db')
const SECRET = 'bench-only-secret-0123456789-abcdefghij'
/** Answers before each phase's measured ones: the first few pay for code first run (JIT, lazily built styles). */
const WARM_UP = 5
const MEASURED = Number(/^--answers=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--answers=')) ?? '')?.[1] ?? 60)
const TRACE = process.argv.includes('--trace')
/** The grades given in turn: mostly Good, now and then Again (the card comes back after its 1-minute step), Hard, Easy. */
const RATINGS = ['3', '3', '1', '3', '4', '3', '3', '2', '3', '3'] as const
const PHASES = [
  { name: 'desktop', label: 'desktop (no throttle)', cpuSlowdown: 1 },
  { name: '4x-cpu', label: 'CPU throttled 4×', cpuSlowdown: 4 },
] as const

/**
 * The in-page measure, as source text: under tsx a function passed to the page would carry esbuild's `__name` helper,
 * which the page does not have. Each grade key (1–4 while an answer is shown) starts one sample; the first mutation
 * after it that leaves a prompt on screen with no answer under it is the next card (the grade turns the answer off
 * and moves the queue in one render), and its sample ends in the next animation frame.
 */
const IN_PAGE = `(() => {
  const waiters = []
  const record = {
    samples: [],
    /** Resolves once there are n samples (no polling in the page while it is measured); rejects after 30 s. */
    until: (n) => new Promise((resolve, reject) => {
      if (record.samples.length >= n) return resolve(null)
      const timer = setTimeout(() => reject(new Error('no next card within 30 s of the grade')), 30000)
      waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(null)) })
    }),
  }
  window.__keyToNextCard = record
  const answerShown = () => document.getElementById('answer-heading') !== null
  window.addEventListener('keydown', (event) => {
    if (!['1', '2', '3', '4'].includes(event.key) || event.repeat || !answerShown()) return
    const startMs = event.timeStamp
    const heardMs = performance.now()
    const observer = new MutationObserver(() => {
      const prompt = document.getElementById('card-prompt')
      if (prompt === null || answerShown()) return
      observer.disconnect()
      const inDomMs = performance.now()
      const text = prompt.textContent
      requestAnimationFrame(() => {
        const frameMs = performance.now()
        record.samples.push({ ms: frameMs - startMs, heardMs: heardMs - startMs, inDomMs: inDomMs - startMs, prompt: text })
        for (const w of waiters.splice(0)) w.n <= record.samples.length ? w.resolve() : waiters.push(w)
      })
    })
    observer.observe(document, { childList: true, subtree: true, characterData: true })
  }, { capture: true })
})()`

/** Each from the keydown's timeStamp: `heardMs` when our listener ran, `inDomMs` when the prompt was in the DOM, `ms` the frame. */
type Sample = { ms: number; heardMs: number; inDomMs: number; prompt: string }
type PhaseResult = {
  name: string
  cpuSlowdown: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** Medians of the parts: the key's wait to be handled, the handlers to the prompt in the DOM, then to the frame. */
  medianPartsMs: { toListener: number; toDom: number; toFrame: number }
  samplesMs: number[]
  distinctPrompts: number
  loadAverage: number[]
}

const samplesSoFar = (page: Page) => page.evaluate('window.__keyToNextCard.samples') as Promise<Sample[]>
const round1 = (ms: number) => Math.round(ms * 10) / 10

/** One answer as a person gives it by keyboard: Space shows the answer, then the grade key; returns when it settled. */
async function answer(page: Page, rating: string, answered: number): Promise<void> {
  await page.locator('[data-reveal]').waitFor({ state: 'visible', timeout: 30_000 })
  await page.keyboard.press('Space')
  await page.locator('#answer-heading').waitFor({ state: 'attached', timeout: 30_000 })
  const saved = page.waitForResponse((r) => r.url() === `${BASE}/api/reviews` && r.request().method() === 'POST', { timeout: 30_000 })
  saved.catch(() => undefined) // awaited below; a failure before then is the press's own
  await page.keyboard.press(rating)
  // Not page.waitForFunction: its polling evaluates a string in the page, which the app's CSP refuses (no 'unsafe-eval').
  await page.evaluate(`window.__keyToNextCard.until(${answered + 1})`)
  const reply = await saved
  if (reply.status() !== 200) throw new Error(`the grade was answered ${reply.status()}: ${await reply.text()}`)
  // The reply's next cards rendered and the background work done, as while a person reads the new prompt.
  await page.evaluate('new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 500 }))')
}

async function runPhase(browser: Browser, page: Page, phase: (typeof PHASES)[number], given: { count: number }): Promise<PhaseResult> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: phase.cpuSlowdown })
  for (let i = 0; i < WARM_UP; i++) await answer(page, RATINGS[given.count % RATINGS.length]!, given.count++)
  if (TRACE) await browser.startTracing(page, { path: path.join('test-results', `review-trace-${phase.name}.json`), screenshots: false })
  const first = given.count
  for (let i = 0; i < MEASURED; i++) {
    await answer(page, RATINGS[given.count % RATINGS.length]!, given.count++)
    if ((i + 1) % 20 === 0) process.stderr.write(`  … ${phase.label}: ${i + 1} of ${MEASURED} answers\n`)
  }
  if (TRACE) await browser.stopTracing()
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await cdp.detach()
  const samples = (await samplesSoFar(page)).slice(first)
  const samplesMs = samples.map((s) => round1(s.ms))
  return {
    name: phase.name,
    cpuSlowdown: phase.cpuSlowdown,
    medianMs: round1(quantile(samplesMs, 0.5)),
    p95Ms: round1(quantile(samplesMs, 0.95)),
    maxMs: Math.max(...samplesMs),
    medianPartsMs: {
      toListener: round1(quantile(samples.map((s) => s.heardMs), 0.5)),
      toDom: round1(quantile(samples.map((s) => s.inDomMs - s.heardMs), 0.5)),
      toFrame: round1(quantile(samples.map((s) => s.ms - s.inDomMs), 0.5)),
    },
    samplesMs,
    distinctPrompts: new Set(samples.map((s) => s.prompt)).size,
    loadAverage: os.loadavg().map(round1),
  }
}

async function main() {
  const { buildIfNeeded, serverScript } = await import('../scripts/start')
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }
  buildIfNeeded(env)
  await assertPortFree(PORT)
  const loadBefore = os.loadavg().map(round1)
  const target = await sqliteTarget(DB_PATH, SECRET)
  const server = startServer(serverScript, PORT, { ...env, ...target.env })
  const chosen = resolveChromium()
  let browser: Browser | undefined
  const cleanUp = async () => {
    await stopServer(server)
    await browser?.close().catch(() => undefined)
    await target.close()
  }
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    // Each answer takes a card never seen (a few come back after Again): the deck must hold them all.
    const needed = PHASES.length * (WARM_UP + MEASURED)
    const cards = (await target.cardIds()).length
    if (needed > cards) throw new Error(`${needed} answers need as many new cards; the deck has ${cards}: ask for fewer (--answers=N)`)
    const user = await target.createUser()
    await waitFor(`${BASE}/api/health`, 60_000, server)
    browser = await chromium.launch({ executablePath: chosen.executablePath, args: chosen.args, headless: true })
    console.log(`key to next card on ${BASE}/review: Chromium ${browser.version()} (${chosen.source}), ${WARM_UP} warm-up + ${MEASURED} measured answers a phase; load average before ${loadBefore.join(' ')}`)
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addCookies([{ name: 'better-auth.session_token', value: user.cookie, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }])
    const page = await context.newPage()
    await page.addInitScript(IN_PAGE)
    await page.goto(`${BASE}/review`)
    const given = { count: 0 }
    const results: PhaseResult[] = []
    for (const phase of PHASES) {
      const result = await runPhase(browser, page, phase, given)
      results.push(result)
      console.log(`  ${phase.label.padEnd(22)} median ${result.medianMs} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms over ${result.samplesMs.length} answers (${result.distinctPrompts} different prompts); load average ${result.loadAverage.join(' ')}`)
      const parts = result.medianPartsMs
      console.log(`  ${''.padEnd(22)} medians of the parts: key to our listener ${parts.toListener} ms, to the prompt in the DOM ${parts.toDom} ms, to the next frame ${parts.toFrame} ms`)
    }
    const logged = (await (await target.logs()).byUser(user.id)).length
    console.log(`  answers given ${given.count}, logged ${logged}; targets: desktop median ≤ 16 ms and p95 ≤ 50 ms, 4× CPU median ≤ 50 ms`)
    mkdirSync('bench', { recursive: true })
    const file = path.join('bench', 'review-results.json')
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), chromiumSource: chosen.source, warmUp: WARM_UP, measured: MEASURED, loadAverageBefore: loadBefore, answersGiven: given.count, answersLogged: logged, phases: results }, null, 2))
    console.log(`  wrote ${file}`)
    const [desktop, slow] = results as [PhaseResult, PhaseResult]
    console.log(`key to next card: median ${desktop.medianMs} ms, p95 ${desktop.p95Ms} ms; 4x CPU: median ${slow.medianMs} ms, p95 ${slow.p95Ms} ms`)
    if (logged !== given.count) throw new Error(`${given.count} answers were given and acknowledged, but the database holds ${logged}`)
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

main().catch((err: unknown) => {
  console.error(`bench:review: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
