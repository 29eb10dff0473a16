import 'server-only'
import { notFound } from 'next/navigation'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { talks, type TalkView } from '@/lib/data/talk'

/** One of the person's talks with its plan now, or not found (another person's talk is not found either). */
export async function ownTalk(id: string, returnTo: string): Promise<TalkView> {
  const user = await requireUser(returnTo)
  const view = /^[0-9a-f-]{36}$/i.test(id) ? await talks.view(user.id, id, await requestNow()) : null
  if (!view) notFound()
  return view
}
