'use server'
import { revalidatePath } from 'next/cache'
import { currentUser } from '@/lib/server/session'
import { settingsSchema } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { echo, fieldErrorsOf, type FormState } from '@/lib/form'

export async function updateSettings(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'You were signed out. Sign in again to save your settings.' }
  const parsed = settingsSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return { status: 'error', fieldErrors: fieldErrorsOf(parsed.error), values: echo(form) }
  await saveSettings(user.id, parsed.data)
  revalidatePath('/', 'layout')
  return { status: 'success', message: 'Settings saved.', values: echo(form) }
}
