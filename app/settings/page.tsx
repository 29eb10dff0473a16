import type { Metadata } from 'next'
import { requireUser } from '@/lib/server/session'
import { getSettings } from '@/lib/data/settings'
import { SettingsForm } from './settings-form'

export const metadata: Metadata = { title: 'Settings · Keyclaims' }

export default async function SettingsPage() {
  const user = await requireUser('/settings')
  const settings = await getSettings(user.id)
  return (
    <>
      <h1>Settings</h1>
      <SettingsForm settings={settings} timeZones={Intl.supportedValuesOf('timeZone')} />
    </>
  )
}
