/** Timing helpers shared by the in-process benchmarks. */
export type Stats = { p50: number; p99: number; n: number }

export function stats(samplesUs: number[]): Stats {
  const s = [...samplesUs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!
  return { p50: round(at(0.5)), p99: round(at(0.99)), n: s.length }
}

const round = (x: number) => Math.round(x * 10) / 10

export const nowUs = () => Number(process.hrtime.bigint()) / 1000

/** Runs `fn` n times, one after another; each call's duration in µs. */
export async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = nowUs()
    await fn(i)
    out.push(nowUs() - t0)
  }
  return out
}

/** Runs `rounds` rounds of `size` calls started together; each round's duration divided by `size`, in µs. */
export async function timeAtOnce(rounds: number, size: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  return (await time(rounds, (r) => Promise.all(Array.from({ length: size }, (_, j) => fn(r * size + j))))).map((us) => us / size)
}

/** A table row: name, p50, p99, count. */
export const row = (name: string, s: Stats) => `  ${name.padEnd(52)} ${String(s.p50).padStart(9)} ${String(s.p99).padStart(9)} ${String(s.n).padStart(6)}`
export const header = () => `  ${'measure'.padEnd(52)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)} ${'n'.padStart(6)}`
