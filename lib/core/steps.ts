/**
 * Learning and relearning steps as text, and the catalogue keys their problems name. Kept apart from ./settings.ts
 * (and zod) because the scheduler, which the browser runs for the offline review (issue #37), needs them.
 */
const STEP_UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, h: 60, d: 1440 }
export const MAX_STEPS = 10
/** A step may last at most a year (Anki's own limit is larger, but a year-long "learning step" is a review). */
const MAX_STEP_MINUTES = 365 * 1440

/**
 * Learning or relearning steps as typed ("1m 10m", "30s 5m 1h 1d"), normalised ("1m 10m"), or the problem's key.
 * ts-fsrs counts steps in whole minutes, so a step in seconds must make whole minutes ("90s" does not; "120s" is 2m).
 */
export function parseSteps(text: string): { steps: number[] } | { error: string } {
  const parts = text.trim() === '' ? [] : text.trim().split(/[\s,]+/)
  if (parts.length > MAX_STEPS) return { error: withValues('errors.stepsTooMany', { max: MAX_STEPS }) }
  const steps: number[] = []
  for (const part of parts) {
    const match = /^(\d+)(s|m|h|d)$/.exec(part)
    if (!match) return { error: withValues('errors.stepFormat', { step: part }) }
    const minutes = Number(match[1]) * STEP_UNIT_MINUTES[match[2]!]!
    if (!Number.isInteger(minutes) || minutes < 1) return { error: withValues('errors.stepMinute', { step: part }) }
    if (minutes > MAX_STEP_MINUTES) return { error: withValues('errors.stepLong', { step: part }) }
    steps.push(minutes)
  }
  return { steps }
}

/** Minutes as the shortest step text: 10 → "10m", 60 → "1h", 1440 → "1d". */
export function stepText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`
  if (minutes % 60 === 0) return `${minutes / 60}h`
  return `${minutes}m`
}

/** The step lists as minutes, for the scheduler. */
export function stepMinutes(steps: string): number[] {
  const parsed = parseSteps(steps)
  return 'steps' in parsed ? parsed.steps : []
}

/** A catalogue key with the values its message takes, as one string: withValues('errors.range', { min: 0, max: 23 }). */
export function withValues(key: string, values: Record<string, string | number>): string {
  return `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]))}`
}

/** A catalogue key with its values: "errors.range?min=0&max=23" → ["errors.range", { min: "0", max: "23" }]. */
export function messageKey(message: string): [string, Record<string, string>] {
  const q = message.indexOf('?')
  if (q < 0) return [message, {}]
  return [message.slice(0, q), Object.fromEntries(new URLSearchParams(message.slice(q + 1)))]
}
