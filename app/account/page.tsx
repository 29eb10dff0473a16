import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { ChangePasswordForm, DeleteAccountForm } from './account-forms'
import { RestoreFromFile } from './restore-from-file'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('account')
}

export default async function AccountPage() {
  const user = await requireUser('/account')
  const t = await getTranslations('account')
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t.rich('signedInAs', { name: user.name, email: user.email, b: (chunks) => <strong>{chunks}</strong> })}</p>
      <h2>{t('dataHeading')}</h2>
      <p>{t.rich('download', { link: (chunks) => <a href="/api/export" download="keyclaims-export.json">{chunks}</a> })}</p>
      <RestoreFromFile />
      <h2 id="change-password-heading">{t('changePassword')}</h2>
      <ChangePasswordForm />
      <h2 id="delete-heading">{t('deleteHeading')}</h2>
      <DeleteAccountForm />
    </>
  )
}
