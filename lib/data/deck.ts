/** The shared decks: what the home, deck and section pages show. Retired content is never listed. */
import 'server-only'
import { prisma } from '../db/prisma'
import type { DeckName } from '../core/display-language'

/** A deck's names in both languages, as the loader stored them (lib/deck/load.ts): its speakers and its tags. */
export type DeckNames = { speakers: DeckName[]; tags: Record<string, DeckName> }

/** The names of a deck row (its `speakers` and `tags` JSON columns). */
export function deckNames(row: { speakers: string; tags: string }): DeckNames {
  return { speakers: JSON.parse(row.speakers) as DeckName[], tags: JSON.parse(row.tags) as Record<string, DeckName> }
}

/** Every deck's tag names, merged (tags are shared words across decks): for pages that list tags of any deck. */
export async function tagNames(): Promise<Record<string, DeckName>> {
  const decks = await prisma.deck.findMany({ orderBy: { id: 'asc' }, select: { speakers: true, tags: true } })
  return Object.assign({}, ...decks.map((d) => deckNames(d).tags)) as Record<string, DeckName>
}

export type DeckOverview = {
  id: string
  titleEn: string
  titleZh: string
  speakers: DeckName[]
  tags: Record<string, DeckName>
  date: string
  publishedEn: string
  publishedZh: string
  noteEn: string
  noteZh: string
  sections: { id: string; titleEn: string; titleZh: string; summaryEn: string; summaryZh: string; claims: number; cards: number }[]
  claims: number
  cards: number
}

export async function listDecks(): Promise<DeckOverview[]> {
  const [decks, claimCounts, cardCounts] = await Promise.all([
    prisma.deck.findMany({
      orderBy: { id: 'asc' },
      include: { sections: { where: { retired: false }, orderBy: { position: 'asc' } } },
    }),
    prisma.claim.groupBy({ by: ['deckId', 'sectionId'], where: { retired: false }, _count: { _all: true } }),
    prisma.$queryRaw<{ deckId: string; sectionId: string; n: number | bigint }[]>`
      SELECT c."deckId" AS "deckId", cl."sectionId" AS "sectionId", COUNT(*) AS n
      FROM "Card" c JOIN "Claim" cl ON cl.id = c."claimId"
      WHERE c.retired = false GROUP BY c."deckId", cl."sectionId"`,
  ])
  const claimsBy = new Map(claimCounts.map((r) => [`${r.deckId}/${r.sectionId}`, r._count._all]))
  const cardsBy = new Map(cardCounts.map((r) => [`${r.deckId}/${r.sectionId}`, Number(r.n)]))
  return decks.map((d) => {
    const sections = d.sections.map((s) => ({
      id: s.id,
      titleEn: s.titleEn,
      titleZh: s.titleZh,
      summaryEn: s.summaryEn,
      summaryZh: s.summaryZh,
      claims: claimsBy.get(`${d.id}/${s.id}`) ?? 0,
      cards: cardsBy.get(`${d.id}/${s.id}`) ?? 0,
    }))
    return {
      id: d.id,
      titleEn: d.titleEn,
      titleZh: d.titleZh,
      ...deckNames(d),
      date: d.date,
      publishedEn: d.publishedEn,
      publishedZh: d.publishedZh,
      noteEn: d.noteEn,
      noteZh: d.noteZh,
      sections,
      claims: sections.reduce((n, s) => n + s.claims, 0),
      cards: sections.reduce((n, s) => n + s.cards, 0),
    }
  })
}

export async function getSection(deckId: string, sectionId: string) {
  return prisma.section.findFirst({
    where: { deckId, id: sectionId, retired: false },
    include: {
      deck: true,
      claims: {
        where: { retired: false },
        orderBy: { position: 'asc' },
        include: { cards: { where: { retired: false }, orderBy: { position: 'asc' } } },
      },
    },
  })
}

/** Every tag of a live claim, sorted: the deck's own words (English), the same for everyone (the quiz's choices). */
export async function liveTags(): Promise<string[]> {
  const claims = await prisma.claim.findMany({ where: { retired: false }, select: { tags: true } })
  return [...new Set(claims.flatMap((c) => JSON.parse(c.tags) as string[]))].sort()
}

/** Every live section with its live claims' texts, in deck order: the interview map's words. */
export async function listClaimTexts() {
  return prisma.section.findMany({
    where: { retired: false },
    orderBy: [{ deckId: 'asc' }, { position: 'asc' }],
    include: { claims: { where: { retired: false }, orderBy: { position: 'asc' }, select: { id: true, textEn: true, textZh: true } } },
  })
}

/** One live claim with its section and live cards (for the claim's page), or null. */
export async function getClaimTexts(claimId: string) {
  return prisma.claim.findFirst({
    where: { id: claimId, retired: false, section: { retired: false } },
    include: { section: true, cards: { where: { retired: false }, orderBy: { position: 'asc' } } },
  })
}
