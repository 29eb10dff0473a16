import type { Metadata } from 'next'
import { requireUser } from '@/lib/server/session'
import { ChangePasswordForm, DeleteAccountForm } from './account-forms'

export const metadata: Metadata = { title: 'Account · Keyclaims' }

export default async function AccountPage() {
  const user = await requireUser('/account')
  return (
    <>
      <h1>Account</h1>
      <p>
        Signed in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <h2>Your data</h2>
      <p>
        <a href="/api/export" download="keyclaims-export.json">Download everything as JSON</a> (settings, card states and every review).
      </p>
      <h2 id="change-password-heading">Change password</h2>
      <ChangePasswordForm />
      <h2 id="delete-heading">Delete account</h2>
      <DeleteAccountForm />
    </>
  )
}
