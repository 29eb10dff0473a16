'use client'
/** The header's "Sign out": deletes what the app keeps on this device for offline review, then signs out. */
import { signOut } from '@/app/actions/auth'
import { clearOfflineData } from '@/lib/client/offline-data'

export function SignOutForm({ label }: { label: string }) {
  return (
    <form action={signOut} onSubmit={() => void clearOfflineData()}>
      <button type="submit" className="link-button">{label}</button>
    </form>
  )
}
