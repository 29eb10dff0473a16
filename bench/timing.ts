/** Timing helpers shared by the in-process benchmarks. */
export type Stats = { p50: number; p99: number; n: number }

export function stats(samplesUs: number[]): Stats {
  return { p50: round(quantile(samplesUs, 0.5)), p99: round(quantile(samplesUs, 0.99)), n: samplesUs.length }
}

/** The sample at quantile `q` (0–1) of `samples`, nearest rank from below: quantile(xs, 0.5) is the median. */
export function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
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
