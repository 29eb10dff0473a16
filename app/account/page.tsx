import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { getSettings } from '@/lib/data/settings'
import { ChangePasswordForm, DeleteAccountForm } from './account-forms'
import { AnkiDownloads } from './anki-downloads'
import { RestoreFromFile } from './restore-from-file'
import { ClientMessages } from '@/app/ui/client-messages'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('account')
}

export default async function AccountPage() {
  const user = await requireUser('/account')
  const [t, settings] = await Promise.all([getTranslations('account'), getSettings(user.id)])
  return (
    <>
      <h1>{t('heading')}</h1>
      <p>{t.rich('signedInAs', { name: user.name, email: user.email, b: (chunks) => <strong>{chunks}</strong> })}</p>
      <h2>{t('dataHeading')}</h2>
      <p>{t.rich('download', { link: (chunks) => <a href="/api/export" download="keyclaims-export.json">{chunks}</a> })}</p>
      <p>
        {t.rich('downloadReviewLog', {
          timeZone: settings.timeZone,
          rolloverHour: settings.rolloverHour,
          link: (chunks) => <a href="/api/export/review-log" download="keyclaims-review-log.csv">{chunks}</a>,
          // A zone's name (Asia/Shanghai) is an identifier, the same in every language.
          zone: (chunks) => <span lang="en">{chunks}</span>,
        })}
      </p>
      {/* The restore's words come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['account']}>
        <RestoreFromFile />
      </ClientMessages>
      <h2 id="anki-heading">{t('ankiHeading')}</h2>
      <AnkiDownloads language={settings.displayLanguage} />
      {/* The account's forms' words come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['account', 'auth']}>
        <h2 id="change-password-heading">{t('changePassword')}</h2>
        <ChangePasswordForm />
        <h2 id="delete-heading">{t('deleteHeading')}</h2>
        <DeleteAccountForm />
      </ClientMessages>
    </>
  )
}
