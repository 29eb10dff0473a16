/**
 * Loads deck files into the database by stable id. Editing a text keeps everyone's schedule (states are keyed by
 * card id); a card, claim or section that leaves the file is retired, never deleted, so its history stays; a new
 * card is simply new for everyone. Loading an unchanged file does nothing. See docs/decisions/0002-deck-edits-keep-progress.md.
 */
import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { PrismaClient } from '../generated/prisma/client'
import { expandCard, type DeckFile } from './schema'
import { formatProblem, parseDeck, type DeckProblem } from './parse'

export class DeckLoadError extends Error {
  constructor(readonly problems: DeckProblem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'DeckLoadError'
  }
}

export type DeckSource = { file: string; deck: DeckFile; contentHash: string }

/** Reads and validates every *.yaml deck in `dir`; throws DeckLoadError listing every problem in every file. */
export async function readDecks(dir: string): Promise<DeckSource[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()
  const problems: DeckProblem[] = []
  const decks: DeckSource[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    const source = await readFile(file, 'utf8')
    const rel = path.relative(process.cwd(), file)
    const result = parseDeck(source, rel)
    if (result.ok) decks.push({ file: rel, deck: result.deck, contentHash: createHash('sha256').update(source).digest('hex') })
    else problems.push(...result.problems)
  }
  const owner = new Map<string, string>()
  for (const { file, deck } of decks) {
    const first = owner.get(deck.id)
    if (first) problems.push({ file, line: null, path: 'id', message: `deck id "${deck.id}" is also used by ${first}` })
    owner.set(deck.id, file)
  }
  if (problems.length > 0) throw new DeckLoadError(problems)
  return decks
}

export type LoadReport = { deckId: string; skipped: boolean; cards: number; retiredCards: number }

/** Upserts one deck in one transaction. */
export async function loadDeck(prisma: PrismaClient, source: DeckSource, options: { force?: boolean } = {}): Promise<LoadReport> {
  const { deck, contentHash } = source
  const existing = await prisma.deck.findUnique({ where: { id: deck.id }, select: { contentHash: true } })
  if (existing?.contentHash === contentHash && !options.force) {
    return { deckId: deck.id, skipped: true, cards: 0, retiredCards: 0 }
  }
  return prisma.$transaction(
    async (tx) => {
      const deckData = {
        titleEn: deck.title.en,
        titleZh: deck.title.zh,
        speakers: JSON.stringify(deck.speakers),
        tags: JSON.stringify(deck.tags),
        date: deck.date,
        publishedEn: deck.published.en,
        publishedZh: deck.published.zh,
        noteEn: deck.languageNote.en,
        noteZh: deck.languageNote.zh,
        contentHash,
        loadedAt: new Date(),
      }
      await tx.deck.upsert({ where: { id: deck.id }, create: { id: deck.id, ...deckData }, update: deckData })

      // Claim and card ids are global keys; one belonging to another deck is an authoring error, not a move
      // (moving a card would point people's schedules and histories at another question).
      const claimIds = deck.sections.flatMap((s) => s.claims.map((c) => c.id))
      const cardIds = deck.sections.flatMap((s) => s.claims.flatMap((c) => c.cards.flatMap(expandCard).map((card) => card.id)))
      const [foreignClaims, foreignCards] = await Promise.all([
        tx.claim.findMany({ where: { id: { in: claimIds }, deckId: { not: deck.id } }, select: { id: true, deckId: true } }),
        tx.card.findMany({ where: { id: { in: cardIds }, deckId: { not: deck.id } }, select: { id: true, deckId: true } }),
      ])
      const clashes = [
        ...foreignClaims.map((c) => ({ file: source.file, line: null, path: 'claims', message: `claim id "${c.id}" already belongs to deck "${c.deckId}"` })),
        ...foreignCards.map((c) => ({ file: source.file, line: null, path: 'cards', message: `card id "${c.id}" already belongs to deck "${c.deckId}"` })),
      ]
      if (clashes.length > 0) throw new DeckLoadError(clashes)

      let cardPosition = 0
      const liveCardIds: string[] = []
      for (const [sIndex, section] of deck.sections.entries()) {
        const sectionData = {
          position: sIndex,
          titleEn: section.title.en,
          titleZh: section.title.zh,
          summaryEn: section.summary.en,
          summaryZh: section.summary.zh,
          reading: section.reading ? JSON.stringify(section.reading) : null,
          retired: false,
        }
        await tx.section.upsert({
          where: { deckId_id: { deckId: deck.id, id: section.id } },
          create: { deckId: deck.id, id: section.id, ...sectionData },
          update: sectionData,
        })
        for (const [cIndex, claim] of section.claims.entries()) {
          const claimData = {
            deckId: deck.id,
            sectionId: section.id,
            position: cIndex,
            speaker: claim.speaker,
            importance: claim.importance,
            tags: JSON.stringify(claim.tags),
            textEn: claim.text.en,
            textZh: claim.text.zh,
            whyEn: claim.why.en,
            whyZh: claim.why.zh,
            retired: false,
          }
          await tx.claim.upsert({ where: { id: claim.id }, create: { id: claim.id, ...claimData }, update: claimData })
          for (const card of claim.cards.flatMap(expandCard)) {
            const { id, links, ...rest } = card
            const cardData = {
              ...rest,
              links: JSON.stringify(links),
              deckId: deck.id,
              claimId: claim.id,
              position: cardPosition++,
              retired: false,
            }
            await tx.card.upsert({ where: { id }, create: { id, ...cardData }, update: cardData })
            liveCardIds.push(id)
          }
        }
      }
      const sectionIds = deck.sections.map((s) => s.id)
      await tx.section.updateMany({ where: { deckId: deck.id, id: { notIn: sectionIds } }, data: { retired: true } })
      await tx.claim.updateMany({ where: { deckId: deck.id, id: { notIn: claimIds } }, data: { retired: true } })
      const retired = await tx.card.updateMany({ where: { deckId: deck.id, id: { notIn: liveCardIds }, retired: false }, data: { retired: true } })
      return { deckId: deck.id, skipped: false, cards: liveCardIds.length, retiredCards: retired.count }
    },
    { timeout: 60_000, maxWait: 60_000 },
  )
}

export async function loadDecks(prisma: PrismaClient, dir: string, options: { force?: boolean } = {}): Promise<LoadReport[]> {
  const sources = await readDecks(dir)
  const reports: LoadReport[] = []
  for (const source of sources) reports.push(await loadDeck(prisma, source, options))
  return reports
}
