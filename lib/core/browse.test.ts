import { describe, expect, it } from 'vitest'
import { browseCards, browsePageOf, browseSearch, DEFAULT_FILTERS, parseBrowseFilters, searchableText, type BrowseCard } from './browse'

const card = (cardId: string, position: number, over: Partial<BrowseCard> = {}): BrowseCard => ({
  cardId, position, claimId: 'k', section: 'd/01', tags: [], texts: [], state: 'new', due: null, difficulty: null, lapses: 0, suspended: false, leech: false, buried: null, ...over,
})

describe('the card browser core', () => {
  it('searches a cloze text without its markup, in any case', () => {
    expect(searchableText('The {{c1::Scaling::S…}} hypothesis', true)).toBe('the scaling hypothesis')
    expect(searchableText('规模{{c1::假说}}', true)).toBe('规模假说')
  })

  it('filters by every flag at once and sorts with cards never seen last either way', () => {
    const cards = [
      card('a', 0),
      card('b', 1, { state: 'review', due: new Date('2026-03-05T05:00:00Z'), difficulty: 7, lapses: 2, leech: true, suspended: true }),
      card('c', 2, { state: 'review', due: new Date('2026-03-03T05:00:00Z'), difficulty: 3, buried: 'sibling' }),
    ]
    const ids = (f: Partial<typeof DEFAULT_FILTERS>) => browseCards(cards, { ...DEFAULT_FILTERS, ...f }).map((c) => c.cardId)
    expect(ids({})).toEqual(['a', 'b', 'c'])
    expect(ids({ sort: 'due' })).toEqual(['c', 'b', 'a'])
    expect(ids({ sort: 'due', dir: 'desc' })).toEqual(['b', 'c', 'a'])
    expect(ids({ sort: 'difficulty', dir: 'desc' })).toEqual(['b', 'c', 'a'])
    expect(ids({ sort: 'lapses', dir: 'desc' })).toEqual(['b', 'a', 'c'])
    expect(ids({ suspended: true, leech: true })).toEqual(['b'])
    expect(ids({ buried: true })).toEqual(['c'])
    expect(ids({ suspended: true, buried: true })).toEqual([])
  })

  it('writes the filters back as a URL without the defaults', () => {
    expect(browseSearch(DEFAULT_FILTERS)).toBe('')
    expect(browseSearch({ ...DEFAULT_FILTERS, tag: 'scaling law', buried: true, sort: 'due' })).toBe('?tag=scaling+law&buried=1&sort=due')
    expect(browseSearch({ ...DEFAULT_FILTERS, tag: 'x', page: 3 })).toBe('?tag=x&page=3')
  })

  it('reads the page from the URL, a page that is not a whole number from 1 left out and named', () => {
    expect(parseBrowseFilters({ page: '3' }).filters.page).toBe(3)
    for (const page of ['0', '-1', '2.5', 'two', '9999999']) expect(parseBrowseFilters({ page }), page).toEqual({ filters: DEFAULT_FILTERS, invalid: ['page'] })
  })

  it('cuts the cards into pages of 50, a page past the last showing the last', () => {
    const cards = Array.from({ length: 120 }, (_, i) => i)
    expect(browsePageOf(cards, 1)).toEqual({ cards: cards.slice(0, 50), page: 1, pages: 3, first: 1 })
    expect(browsePageOf(cards, 3)).toEqual({ cards: cards.slice(100), page: 3, pages: 3, first: 101 })
    expect(browsePageOf(cards, 7)).toEqual(browsePageOf(cards, 3))
    expect(browsePageOf(cards.slice(0, 50), 2)).toEqual({ cards: cards.slice(0, 50), page: 1, pages: 1, first: 1 })
    expect(browsePageOf([], 1)).toEqual({ cards: [], page: 1, pages: 1, first: 0 })
  })
})
