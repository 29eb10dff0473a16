/**
 * The card browser's filters and order (issue #16), pure: the data layer reads every live card of the deck with the
 * person's state (a few hundred rows) and this decides which to list, in which order.
 *
 * The filters come from the page's URL (a GET form: `/browse?tag=scaling` is a link, the back button works, and it
 * works without script). A value that does not parse is left out and named, never a reason to list nothing.
 */
import { z } from './zod'
import { parseCloze } from './cloze'
import { STATE_NAMES, type StateName } from './card-state'
import type { BuriedBy } from './queue'

export const BROWSE_SORTS = ['position', 'due', 'difficulty', 'lapses'] as const
export type BrowseSort = (typeof BROWSE_SORTS)[number]
export const SORT_DIRECTIONS = ['asc', 'desc'] as const

/** The longest search text taken (longer is refused, not cut: a cut text would match other cards). */
export const MAX_QUERY_LENGTH = 200

/**
 * The cards one page of the browser lists: a phone scrolls through 50 comfortably, and the page stays light (the
 * whole deck on one page was 1,458 elements for the browser to build, most of Lighthouse's blocking time there).
 */
export const BROWSE_PAGE_SIZE = 50

const checkbox = z.literal('1')

/** Each filter of the URL, parsed alone (see parseBrowseFilters). */
const FIELDS = {
  q: z.string().trim().max(MAX_QUERY_LENGTH),
  section: z.string().regex(/^[A-Za-z0-9._-]{1,100}\/[0-9]{2}$/),
  state: z.enum(STATE_NAMES),
  tag: z.string().trim().min(1).max(100),
  suspended: checkbox,
  buried: checkbox,
  leech: checkbox,
  sort: z.enum(BROWSE_SORTS),
  dir: z.enum(SORT_DIRECTIONS),
  page: z.string().regex(/^[1-9][0-9]{0,5}$/).transform(Number),
} as const

export type BrowseField = keyof typeof FIELDS
export const BROWSE_FIELDS = Object.keys(FIELDS) as BrowseField[]

export type BrowseFilters = {
  /** Words that must all occur (case-insensitive) in the card's or its claim's text, English or Chinese. */
  q: string
  /** A section as `deckId/sectionId`. */
  section: string | null
  state: StateName | null
  tag: string | null
  suspended: boolean
  buried: boolean
  leech: boolean
  sort: BrowseSort
  dir: (typeof SORT_DIRECTIONS)[number]
  /** Which page of the cards that pass, from 1 (a page past the last shows the last). */
  page: number
}

export const DEFAULT_FILTERS: BrowseFilters = { q: '', section: null, state: null, tag: null, suspended: false, buried: false, leech: false, sort: 'position', dir: 'asc', page: 1 }

/**
 * The filters of a URL's search parameters; `invalid` names the parameters left out because they did not parse
 * (a repeated parameter counts as its first value; an empty one as not given).
 * @example parseBrowseFilters({ tag: 'scaling', sort: 'sideways' }) // { filters: { …, tag: 'scaling' }, invalid: ['sort'] }
 */
export function parseBrowseFilters(params: Record<string, string | string[] | undefined>): { filters: BrowseFilters; invalid: BrowseField[] } {
  const filters: Record<string, unknown> = { ...DEFAULT_FILTERS }
  const invalid: BrowseField[] = []
  for (const field of BROWSE_FIELDS) {
    const raw = params[field]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value === undefined || value === '') continue
    const parsed = FIELDS[field].safeParse(value)
    if (!parsed.success) invalid.push(field)
    else filters[field] = parsed.data === '1' && field in { suspended: 1, buried: 1, leech: 1 } ? true : parsed.data
  }
  return { filters: filters as BrowseFilters, invalid }
}

/** The URL's search string of these filters (defaults left out), e.g. "?tag=scaling&sort=due". */
export function browseSearch(filters: Partial<BrowseFilters>): string {
  const params = new URLSearchParams()
  for (const field of BROWSE_FIELDS) {
    const value = filters[field]
    if (value === undefined || value === null || value === false || value === '' || value === DEFAULT_FILTERS[field]) continue
    params.set(field, value === true ? '1' : String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** One card as the browser lists it: the deck's texts and this person's state (null fields: never seen). */
export type BrowseCard = {
  cardId: string
  position: number
  claimId: string
  /** `deckId/sectionId` */
  section: string
  tags: string[]
  /** The texts searched: the card's sides (a cloze's text without its markup) and its claim's, in both languages. */
  texts: string[]
  state: StateName
  due: Date | null
  difficulty: number | null
  lapses: number
  suspended: boolean
  leech: boolean
  buried: BuriedBy | null
}

/** A text as searched: a cloze's markup taken out (its hidden words kept), lower case. */
export function searchableText(text: string, cloze: boolean): string {
  let plain = text
  if (cloze) {
    try {
      plain = parseCloze(text).map((s) => (s.kind === 'text' ? s.text : s.answer)).join('')
    } catch {
      // A text the deck linter would refuse is searched as it is.
    }
  }
  return plain.toLowerCase()
}

/** The words of a search: split on spaces (Chinese has none, so a Chinese phrase is one word), lower case. */
export const searchWords = (q: string) => q.toLowerCase().split(/\s+/).filter(Boolean)

/** The cards that pass every filter, in the order asked for (ties in deck order). */
export function browseCards<C extends BrowseCard>(cards: readonly C[], f: BrowseFilters): C[] {
  const words = searchWords(f.q)
  const passing = cards.filter(
    (c) =>
      (f.section === null || c.section === f.section) &&
      (f.state === null || c.state === f.state) &&
      (f.tag === null || c.tags.includes(f.tag)) &&
      (!f.suspended || c.suspended) &&
      (!f.buried || c.buried !== null) &&
      (!f.leech || c.leech) &&
      words.every((w) => c.texts.some((t) => t.includes(w))),
  )
  const sign = f.dir === 'desc' ? -1 : 1
  // Cards never seen have no due date or difficulty: they go last, whichever the direction.
  const key = (c: C): number | null => (f.sort === 'due' ? c.due?.getTime() ?? null : f.sort === 'difficulty' ? c.difficulty : f.sort === 'lapses' ? c.lapses : c.position)
  return passing.slice().sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka === null || kb === null) return ka === kb ? a.position - b.position : ka === null ? 1 : -1
    return sign * (ka - kb) || a.position - b.position
  })
}

export type BrowsePageOf<C> = {
  /** The cards of this page. */
  cards: C[]
  /** The page shown, from 1, and how many there are (1 when nothing passes). */
  page: number
  pages: number
  /** The place of the page's first card among those that pass, from 1 (0 when nothing passes). */
  first: number
}

/**
 * One page of the cards that pass; a page past the last shows the last, so an old link or a bulk change that left
 * fewer cards still lists some.
 * @example browsePageOf(cards120, 3) // { cards: cards120.slice(100, 120), page: 3, pages: 3, first: 101 }
 */
export function browsePageOf<C>(passing: readonly C[], page: number, size = BROWSE_PAGE_SIZE): BrowsePageOf<C> {
  const pages = Math.max(1, Math.ceil(passing.length / size))
  const shown = Math.min(Math.max(1, page), pages)
  const start = (shown - 1) * size
  return { cards: passing.slice(start, start + size), page: shown, pages, first: passing.length === 0 ? 0 : start + 1 }
}
