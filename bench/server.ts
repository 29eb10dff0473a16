/** What the load tests and browser benchmarks share: a production server on loopback, started, awaited and stopped. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** Resolves once `url` answers 2xx; throws after `ms`, or as soon as `server` (when given) has exited. */
export async function waitFor(url: string, ms: number, server?: ChildProcess): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (server && (server.exitCode !== null || server.signalCode !== null)) throw new Error(`the server for ${url} exited (${server.exitCode ?? server.signalCode})`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the server did not answer ${url} within ${ms} ms`)
}

/** Refuses to start on a port another process already serves: the load would measure that server instead. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', () => reject(new Error(`port ${port} is taken by another process; set BENCH_PORT to a free one`)))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

/**
 * The production server (scripts/start.ts's `serverScript`) on 127.0.0.1:`port`, in its own process group, so that
 * stopServer ends it and anything it started. `nodeFlags` go to its Node (a CPU profile, say).
 */
export function startServer(serverScript: string, port: number, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, serverScript, '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
}

/** Stops a server started by startServer (SIGTERM to its process group, SIGKILL after 5 s) and waits for it. */
export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve()
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-server.pid!, signal)
      } catch {
        /* already gone */
      }
    }
    const force = setTimeout(() => kill('SIGKILL'), 5000)
    server.once('exit', () => (clearTimeout(force), resolve()))
    kill('SIGTERM')
  })
}
