'use server'
import { redirect } from 'next/navigation'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { study } from '@/lib/data/study'
import { backPath, changeCardsSchema, changeId, formFields, undoSchema, withSummary } from '@/lib/core/browse-actions'

/**
 * The card browser's "Suspend", "Resume", "Bury", "Unbury" and "Reset to new", for the rows selected (or the card
 * shown): each card's change in its own transaction, once per submit (a resent form is a replay), checked against
 * the version the page showed. Back to the page it came from, which says what was done.
 */
export async function changeCards(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/browse')
  // Actions are public endpoints: never read a field of something that is not a form (lib/server/form-action.ts).
  const fields = form instanceof FormData ? formFields(form) : null
  const parsed = changeCardsSchema.safeParse(fields)
  if (!parsed.success) {
    // A button pressed with no row ticked is said as such, on the page it came from.
    const back = backPath.safeParse(fields?.back)
    if (form instanceof FormData && form.getAll('card').length === 0 && back.success) redirect(withSummary(back.data, { invalid: 'none' }))
    redirect('/browse?invalid=form')
  }
  const { op, batch, back, card } = parsed.data
  const now = await requestNow()
  const tally = { changed: 0, unchanged: 0, stale: 0 }
  let undo: string | null = null
  for (const { cardId, version } of card) {
    const id = changeId(batch, op, cardId)
    const result = await study.changeCard(user.id, op, { id, cardId, version }, now)
    if (result.kind === 'done') {
      tally.changed++
      undo = id
    } else if (result.kind === 'stale') tally.stale++
    else tally.unchanged++ // no change to make, no such card, or an id of another change
  }
  redirect(withSummary(back, { done: op, ...tally, undo }))
}

/** "Undo": takes back the study day's newest answer or change, which must be the one the page offered to undo. */
export async function undoLast(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/browse')
  const parsed = undoSchema.safeParse(form instanceof FormData ? formFields(form) : null)
  if (!parsed.success) redirect('/browse?invalid=form')
  const result = await study.undo(user.id, await requestNow(), parsed.data.expect)
  redirect(withSummary(parsed.data.back, { undone: result.kind === 'undone' ? 'yes' : result.kind === 'nothing' ? 'nothing' : 'changed' }))
}
