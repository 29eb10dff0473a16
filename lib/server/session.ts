/** The signed-in user at the edge: pages redirect a visitor to sign in; routes answer 401. */
import 'server-only'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { auth } from './auth'

export type CurrentUser = { id: string; name: string; email: string }

/** Once per render: the layout, the page and the locale (i18n/request.ts) all ask. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth.api.getSession({ headers: await headers() })
  if (!session) return null
  return { id: session.user.id, name: session.user.name, email: session.user.email }
})

/** For pages: the user, or a redirect to sign in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser()
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`)
  return user
}

export { safeNext } from '../core/next-path'
