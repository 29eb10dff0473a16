'use server'
import { redirect } from 'next/navigation'
import { currentUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { translatedFieldErrors, translator } from '@/lib/server/i18n'
import { talkInputFromForm, talkInputSchema } from '@/lib/core/talk'
import { study } from '@/lib/data/study'
import { localDate } from '@/lib/core/study-day'
import { talks } from '@/lib/data/talk'
import { echo, type FormState } from '@/lib/form'

const TALK_ID = /^[0-9a-f-]{36}$/i

/**
 * "Save talk" (the talks page's form, and a talk's "Change"): a new talk, or a change to one of the person's own
 * (talkId). The date is checked against the person's today; on success, to the talk.
 */
export async function saveTalk(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await translator()
  const user = await currentUser()
  if (!user) return { status: 'error', message: t('talks.signedOut') }
  // Actions are public endpoints: never read a field of something that is not a form (lib/server/form-action.ts).
  if (!(form instanceof FormData)) return { status: 'error', message: t('errors.formMalformed') }
  const now = await requestNow()
  const { timeZone } = (await study.config(user.id)).settings
  const parsed = talkInputSchema(localDate(now, timeZone)).safeParse(talkInputFromForm(form))
  if (!parsed.success) return { status: 'error', fieldErrors: await translatedFieldErrors(parsed.error), values: echo(form) }
  const talkId = form.get('talkId')
  let id: string
  if (talkId === null || talkId === '') id = await talks.create(user.id, parsed.data, now)
  else {
    id = String(talkId)
    if (!TALK_ID.test(id) || !(await talks.update(user.id, id, parsed.data))) return { status: 'error', message: t('talks.gone') }
  }
  redirect(`/talks/${id}`)
}

/** "Delete talk": only the person's own; back to the talks page either way. */
export async function deleteTalk(form: FormData): Promise<void> {
  const user = await currentUser()
  if (!user) redirect('/sign-in?next=/talks')
  const id = form instanceof FormData ? String(form.get('talkId') ?? '') : ''
  if (TALK_ID.test(id)) await talks.remove(user.id, id)
  redirect('/talks')
}
