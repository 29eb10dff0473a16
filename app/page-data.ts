/**
 * Each signed-in page's data read, one function per page that reads more than one thing: the page awaits it, and
 * bench/pages.ts times the very same function (so the benchmark cannot drift from the page). The session look-up and
 * the page's translations stay in the page; the person's settings are read here.
 */
import 'server-only'
import { study } from '@/lib/data/study'
import { progress } from '@/lib/data/progress'
import { talks, type TalkView } from '@/lib/data/talk'
import { reading } from '@/lib/data/reading'
import { browse } from '@/lib/data/browse'
import { quiz } from '@/lib/data/quiz'
import { getSettings } from '@/lib/data/settings'
import { getClaimTexts, listClaimTexts, listDecks, tagNames } from '@/lib/data/deck'
import type { BrowseFilters } from '@/lib/core/browse'
import { talkChoices } from './talks/choices'

/** The home page (app/page.tsx): the decks and the reading for everyone; today's counts, progress and talk for a person. */
export async function homeData(userId: string | null, now: Date) {
  const config = userId ? await study.config(userId) : null
  const [decks, counts, mine, talk, readingSections, readingAt] = await Promise.all([
    listDecks(),
    userId ? study.todayCounts(userId, now, config!) : null,
    userId ? progress.home(userId, now, config!) : null,
    // The next talk not yet past, with its plan: its countdown shows until the day is over.
    userId ? talks.next(userId, now) : null,
    reading.sections(),
    // Where "Continue reading" leads (nowhere after the last passage).
    userId ? reading.continueAt(userId) : null,
  ])
  return { config, decks, counts, mine, talk, readingSections, readingAt }
}

/** The review page (app/review): the settings, the first `prefetch` cards, today's counts and summary, and whether undo can. */
export async function reviewData(userId: string, now: Date, prefetch: number) {
  const config = await study.config(userId)
  const [cards, counts, today, undoTarget] = await Promise.all([
    study.studyQueue(userId, now, prefetch, config),
    study.todayCounts(userId, now, config),
    study.daySummary(userId, now, config),
    study.undoTarget(userId, now, config),
  ])
  return { config, cards, counts, today, undoTarget }
}

/** The interview map (app/progress): each claim's mastery, the claims' words and the settings. */
export async function progressData(userId: string, now: Date) {
  const [map, sections, settings] = await Promise.all([progress.map(userId, now), listClaimTexts(), getSettings(userId)])
  return { map, sections, settings }
}

/** One claim's page (app/progress/[claimId]): its texts and cards, the person's progress and history on it, the settings. */
export async function claimData(userId: string, claimId: string, now: Date) {
  const [texts, detail, settings] = await Promise.all([getClaimTexts(claimId), progress.claim(userId, claimId, now), getSettings(userId)])
  return { texts, detail, settings }
}

/** The talks list (app/talks): the settings, the person's talks, then the new talk form's choices in their language. */
export async function talksData(userId: string) {
  const [config, mine] = await Promise.all([study.config(userId), talks.list(userId)])
  const choices = await talkChoices(config.settings.displayLanguage)
  return { config, mine, choices }
}

/**
 * One talk's page (app/talks/[id]) after its view (ownTalk, app/talks/view.ts: talks.view): the edit form's choices in
 * the talk's language, and the talk's quizzes with the settings and whether a quiz is open.
 */
export async function talkData(userId: string, view: TalkView) {
  const [choices, quizzes] = await Promise.all([talkChoices(view.language), talkQuizzesData(userId, view.talk.id)])
  return { choices, quizzes }
}

async function talkQuizzesData(userId: string, talkId: string) {
  const [list, settings] = await Promise.all([quiz.forTalk(userId, talkId), getSettings(userId)])
  const hasOpen = await quiz.open(userId)
  return { list, settings, hasOpen }
}

export type TalkQuizzesData = Awaited<ReturnType<typeof talkQuizzesData>>

/** The card browser (app/browse): the filtered cards, the settings and the tags' names. */
export async function browseData(userId: string, filters: BrowseFilters, now: Date) {
  const [page, settings, tags] = await Promise.all([browse.cards(userId, filters, now), getSettings(userId), tagNames()])
  return { page, settings, tags }
}

/** One card's info (app/browse/[cardId]): the card with its history, the settings and the tags' names. */
export async function cardData(userId: string, cardId: string, now: Date) {
  const [info, settings, tags] = await Promise.all([browse.card(userId, cardId, now), getSettings(userId), tagNames()])
  return { info, settings, tags }
}

/** The quiz page (app/quiz): the settings, then the open quiz and the form's choices in their language. */
export async function quizData(userId: string) {
  const settings = await getSettings(userId)
  const [open, choices] = await Promise.all([quiz.open(userId), talkChoices(settings.displayLanguage)])
  return { settings, open, choices }
}
