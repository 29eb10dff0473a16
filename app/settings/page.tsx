import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { getSettings } from '@/lib/data/settings'
import { settingHintValues } from '@/lib/core/settings'
import { SettingsForm } from './settings-form'
import { FsrsParametersSection } from './fsrs-parameters-section'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('settings')
}

export default async function SettingsPage() {
  const user = await requireUser('/settings')
  const [settings, t] = await Promise.all([getSettings(user.id), getTranslations('settings')])
  return (
    <>
      <h1>{t('heading')}</h1>
      <SettingsForm settings={settings} timeZones={Intl.supportedValuesOf('timeZone')} hints={settingHintValues()} />
      <FsrsParametersSection userId={user.id} />
    </>
  )
}
