/** The reader's requests (issue #38), validated once: the route and its tests speak them. */
import { z } from './zod'

const sectionId = z.string({ error: 'section must be a two-digit section id, e.g. "01"' }).regex(/^[0-9]{2}$/, 'section must be a two-digit section id, e.g. "01"')
const deckId = z.string({ error: 'deck must be a deck id' }).max(100, 'deck must be a deck id').regex(/^[a-z0-9][a-z0-9-]*$/, 'deck must be a deck id')

/** GET /api/reading?section=01[&deck=…]: a section's review areas. */
export const areasQuerySchema = z.object({ section: sectionId, deck: deckId.optional() })

/** POST /api/reading {deckId, sectionId, passage}: the end of a passage was reached. */
export const reachedBodySchema = z.strictObject({
  deckId,
  sectionId,
  passage: z.number({ error: 'passage must be a whole number' }).int('passage must be a whole number').min(0, 'passage must be 0 or more').max(999, 'passage must be at most 999'),
})
