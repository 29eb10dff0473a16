/** The grading request, validated once: the route and the review screen's retries both speak it. */
import { z } from './zod'
import { parseIntervalCode } from './interval'

export const gradeRequestSchema = z.strictObject({
  reviewId: z.uuid({ error: 'reviewId must be a UUID' }),
  cardId: z.string({ error: 'cardId is required' }).min(1, 'cardId is required').max(200),
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'rating must be 1, 2, 3 or 4' }),
  version: z.number({ error: 'version must be a whole number' }).int('version must be a whole number').min(0),
  durationMs: z.number({ error: 'durationMs must be a number of milliseconds' }).int().min(0, 'durationMs cannot be negative').max(86_400_000),
  /** When the answer was given (the screen's clock, corrected by the server's): it is scheduled and logged then. */
  answeredAt: z.iso.datetime({ offset: true, error: 'answeredAt must be an ISO date-time, e.g. 2026-03-02T14:00:00.000Z' }).optional(),
  /** The study day the buttons' intervals were computed for (the card's `day`): another day than the answer's is a 409. */
  day: z.number({ error: 'day must be a whole number' }).int('day must be a whole number').min(0).optional(),
  /** The interval the pressed button showed (the card's `intervals[rating]`): if the answer would apply another, a 409. */
  interval: z
    .string({ error: 'interval must be an interval code, e.g. "10m" or "2.1mo"' })
    .max(12, 'interval must be an interval code, e.g. "10m" or "2.1mo"')
    .refine((code) => parseIntervalCode(code) !== null, 'interval must be an interval code, e.g. "10m" or "2.1mo"')
    .optional(),
})

/** What the data layer's grade takes: exactly the validated request (rating typed as a Grade). */
export type GradeRequest = z.infer<typeof gradeRequestSchema>

export const queueRequestSchema = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be 1 to 100').max(100, 'limit must be 1 to 100').default(10),
})
