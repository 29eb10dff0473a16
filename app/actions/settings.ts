'use server'
import { revalidatePath } from 'next/cache'
import { currentUser } from '@/lib/server/session'
import { translator } from '@/lib/server/i18n'
import { parseForm } from '@/lib/server/form-action'
import { userSettingsSchema } from '@/lib/core/settings'
import { saveSettings } from '@/lib/data/settings'
import { echo, type FormState } from '@/lib/form'

export async function updateSettings(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: (await translator())('errors.signedOutSettings') }
  const parsed = await parseForm(userSettingsSchema, form)
  if (!parsed.ok) return parsed.state
  await saveSettings(user.id, parsed.data)
  revalidatePath('/', 'layout')
  // Said in the language just chosen: the page around the form switches to it too.
  return { status: 'success', message: (await translator(parsed.data.interfaceLanguage))('settings.saved'), values: echo(form) }
}
