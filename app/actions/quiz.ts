'use server'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { translatedFieldErrors, translator } from '@/lib/server/i18n'
import { quizOptionsFromForm, quizOptionsSchema } from '@/lib/core/quiz'
import { quiz } from '@/lib/data/quiz'
import type { FormState } from '@/lib/form'

const QUIZ_ID = /^[0-9a-f-]{36}$/i

/** "Start quiz" (the quiz page's form, and a section page's "Quiz me on this section"): on success, to the quiz. */
export async function startQuiz(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await translator()
  const user = await currentUser()
  if (!user) return { status: 'error', message: t('quiz.signedOut') }
  // Actions are public endpoints: never read a field of something that is not a form (lib/server/form-action.ts).
  if (!(form instanceof FormData)) return { status: 'error', message: t('errors.formMalformed') }
  const parsed = quizOptionsSchema.safeParse(quizOptionsFromForm(form))
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error) }
  const result = await quiz.start(user.id, parsed.data, await requestNow())
  if (result.kind !== 'started') return { status: 'error', message: t('quiz.empty') }
  redirect(`/quiz/${result.id}`)
}

/** "Quiz the missed ones again", from a quiz's results. */
export async function quizMissedAgain(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/quiz')
  const from = form instanceof FormData ? String(form.get('quizId') ?? '') : ''
  const result = QUIZ_ID.test(from) ? await quiz.again(user.id, from, await requestNow()) : { kind: 'not-found' as const }
  redirect(result.kind === 'started' ? `/quiz/${result.id}` : '/quiz')
}

/** "Drop quiz": the unfinished quiz goes (its answers stay in the review log); back to the quiz page. */
export async function dropQuiz(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/quiz')
  const id = form instanceof FormData ? String(form.get('quizId') ?? '') : ''
  if (QUIZ_ID.test(id)) await quiz.drop(user.id, id)
  redirect('/quiz')
}

/** A section page's "Quiz me on this section": every card of the section, in interview order, as practice. */
export async function quizSection(form: FormData): Promise<void> {
  const state = await startQuiz({ status: 'idle' }, form)
  // Only a section with no live card (or a lost session) gets here: the quiz page says what can be chosen.
  if (state.status === 'error') redirect('/quiz')
}

const talkQuizSchema = z.strictObject({ talkId: z.uuid() })

/**
 * A talk page's "Quiz this talk": the talk's claims, weakest first (lib/core/quiz.ts talkQuizCards), listed with the
 * talk. A talk that is not this person's, or has no card to ask, leads back to the talk page, which says so.
 */
export async function quizTalk(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/talks')
  const parsed = talkQuizSchema.safeParse(form instanceof FormData ? { talkId: form.get('talkId') } : null)
  if (!parsed.success) redirect('/talks')
  const { talkId } = parsed.data
  const result = await quiz.startForTalk(user.id, talkId, await requestNow())
  if (result.kind === 'started') redirect(`/quiz/${result.id}`)
  // empty: the talk's scope has no card left to ask (the page offers the quiz only when it has claims).
  redirect(result.kind === 'empty' ? `/talks/${talkId}` : '/talks')
}
