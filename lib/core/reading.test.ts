import { describe, expect, it } from 'vitest'
import { areaPlans, continueFrom, passageClaims, placeAfterReaching, type ReadingCard } from './reading'
import { CardStateKind } from './card-state'

const NOW = new Date('2027-03-12T14:00:00Z')
const at = (ms: number) => new Date(NOW.getTime() + ms)
const fresh = (cardId: string, claimId: string): ReadingCard => ({ cardId, claimId, state: null, lastRatingToday: null })
const begun = (cardId: string, claimId: string, kind: number, dueMs: number, lastRatingToday: number | null = 3, suspended = false): ReadingCard => ({
  cardId, claimId, state: { kind, due: at(dueMs), suspended }, lastRatingToday,
})

describe('areaPlans', () => {
  const passages = [['a', 'b'], ['c'], ['d']]

  it('offers the first never-begun card of each claim the passage places, and nothing else of it', () => {
    const plans = areaPlans(passages, [fresh('a1', 'a'), fresh('a2', 'a'), fresh('b1', 'b'), fresh('c1', 'c'), fresh('d1', 'd')], NOW)
    expect(plans[0]!.claims).toEqual([{ claimId: 'a', offer: 'a1', begun: [] }, { claimId: 'b', offer: 'b1', begun: [] }])
    expect(plans.map((p) => p.retries)).toEqual([[], [], []])
  })

  it('shows a claim with a card begun as in the reviews, with its state, and offers none of its cards', () => {
    const plans = areaPlans(passages, [fresh('a1', 'a'), begun('a2', 'a', CardStateKind.Review, 86_400_000), fresh('b1', 'b')], NOW)
    expect(plans[0]!.claims[0]).toEqual({ claimId: 'a', offer: null, begun: [{ cardId: 'a2', state: 'review', dueAt: at(86_400_000).toISOString(), suspended: false }] })
  })

  it('brings a card forgotten today back in the later areas of the section once its step is over, not before', () => {
    const cards = [begun('a1', 'a', CardStateKind.Learning, 60_000, 1), fresh('b1', 'b'), fresh('c1', 'c'), fresh('d1', 'd')]
    const early = areaPlans(passages, cards, NOW)
    expect(early.map((p) => p.retries)).toEqual([[], [], []])
    expect(early[1]!.retryAt).toBe(at(60_000).toISOString())
    expect(early[0]!.retryAt).toBeNull() // its own area never takes it back
    const later = areaPlans(passages, cards, at(60_000))
    expect(later.map((p) => p.retries)).toEqual([[], ['a1'], ['a1']])
  })

  it('does not bring back a card answered other than Again, a suspended one, or one in review (positive control above)', () => {
    const cards = [begun('a1', 'a', CardStateKind.Learning, 0, 3), begun('b1', 'b', CardStateKind.Learning, 0, 1, true), begun('c1', 'c', CardStateKind.Review, 0, 1)]
    expect(areaPlans(passages, cards, NOW).map((p) => p.retries)).toEqual([[], [], []])
  })
})

describe('passageClaims', () => {
  it('reads the claims of each passage from its markers, once each', () => {
    expect(passageClaims([{ en: 'x [[a]] y [[b]]', zh: '' }, { en: 'none', zh: '' }])).toEqual([['a', 'b'], []])
  })
})

describe('the place in the reading', () => {
  const place = (sectionId: string, passage: number) => ({ deckId: 'd', sectionId, passage })
  const outline = [{ deckId: 'd', sectionId: '01', passages: 3 }, { deckId: 'd', sectionId: '02', passages: 2 }]

  it('moves forward, to another section, never back up a section', () => {
    expect(placeAfterReaching(null, place('01', 0))).toEqual(place('01', 0))
    expect(placeAfterReaching(place('01', 1), place('01', 2))).toEqual(place('01', 2))
    expect(placeAfterReaching(place('01', 2), place('01', 1))).toBeNull()
    expect(placeAfterReaching(place('02', 1), place('01', 0))).toEqual(place('01', 0))
  })

  it('continues at the next passage, the next section, and not after the end', () => {
    expect(continueFrom(null, outline)).toEqual(place('01', 0))
    expect(continueFrom(place('01', 1), outline)).toEqual(place('01', 2))
    expect(continueFrom(place('01', 2), outline)).toEqual(place('02', 0))
    expect(continueFrom(place('01', 9), outline)).toEqual(place('02', 0))
    expect(continueFrom(place('02', 1), outline)).toBeNull()
    expect(continueFrom(place('05', 0), outline)).toEqual(place('01', 0))
  })
})
