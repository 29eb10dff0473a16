import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { navPageTitle } from '@/lib/server/i18n'
import { requestNow } from '@/lib/server/clock'
import { getSettings } from '@/lib/data/settings'
import { settingHintValues } from '@/lib/core/settings'
import { SettingsForm } from './settings-form'
import { ClientMessages } from '@/app/ui/client-messages'
import { FsrsParametersSection } from './fsrs-parameters-section'
import { HelpMeDecide, HelpMeDecideForm } from './help-me-decide'

export function generateMetadata(): Promise<Metadata> {
  return navPageTitle('settings')
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/settings')
  const [settings, t, query, now] = await Promise.all([getSettings(user.id), getTranslations('settings'), searchParams, requestNow()])
  // "Help me decide" was asked for (its button sends ?decide=1): the chart beside the desired retention.
  const decide = <HelpMeDecide userId={user.id} now={now} requested={query.decide === '1'} />
  return (
    <>
      <h1>{t('heading')}</h1>
      {/* The forms' words come with this page only (i18n/client-namespaces.ts). */}
      <ClientMessages namespaces={['settings']}>
        <SettingsForm settings={settings} timeZones={Intl.supportedValuesOf('timeZone')} hints={settingHintValues()} decide={decide} />
      </ClientMessages>
      <HelpMeDecideForm />
      <ClientMessages namespaces={['fsrs']}>
        <FsrsParametersSection userId={user.id} />
      </ClientMessages>
    </>
  )
}
