/** Settings and labels the Anki export's tests share (lib/core/anki-*.test.ts, lib/server/anki-package-file.test.ts). */
import type { AnkiLabels } from './anki-notes'
import type { AnkiScheduleSettings } from './anki-package'
import { default_w } from 'ts-fsrs'

export const TEST_LABELS: AnkiLabels = { en: { claim: 'Claim:', why: 'Why it matters:' }, zh: { claim: '论点：', why: '为什么重要：' } }

export const testSettings = (timeZone: string): AnkiScheduleSettings => ({
  timeZone,
  rolloverHour: 4,
  newPerDay: 20,
  maxReviewsPerDay: 200,
  learningStepsMinutes: [1, 10],
  relearningStepsMinutes: [10],
  desiredRetention: 0.9,
  maximumIntervalDays: 36500,
  burySiblings: true,
  leechThreshold: 8,
  // FSRS-6's 21 weights, its decay the last (0.1542).
  weights: [...default_w],
})
