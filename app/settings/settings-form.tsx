'use client'
import { useActionState } from 'react'
import { useTranslations } from 'next-intl'
import { updateSettings } from '@/app/actions/settings'
import { idle } from '@/lib/form'
import type { UserSettings } from '@/lib/core/settings'
import { Field, FormMessage, SelectField } from '@/app/ui/field'

export function SettingsForm({ settings, timeZones }: { settings: UserSettings; timeZones: string[] }) {
  const [state, action, pending] = useActionState(updateSettings, idle)
  const t = useTranslations('settings')
  const v = state.values
  const errors = state.fieldErrors ?? {}
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {/* Each language in its own name and script (an autonym), so whoever cannot read the current one finds theirs. */}
      <SelectField name="interfaceLanguage" label={t('interfaceLanguage')} hint={t('interfaceLanguageHint')} defaultValue={v?.interfaceLanguage ?? settings.interfaceLanguage} errors={errors.interfaceLanguage}>
        <option value="en" lang="en">English</option>
        <option value="zh" lang="zh-Hans">中文</option>
      </SelectField>
      <SelectField name="displayLanguage" label={t('displayLanguage')} defaultValue={v?.displayLanguage ?? settings.displayLanguage} errors={errors.displayLanguage}>
        <option value="en">{t('displayEnglish')}</option>
        <option value="zh">{t('displayChinese')}</option>
        <option value="both">{t('displayBoth')}</option>
      </SelectField>
      <Field name="timeZone" label={t('timeZone')} list="time-zones" defaultValue={v?.timeZone ?? settings.timeZone} errors={errors.timeZone} hint={t('timeZoneHint')} autoComplete="off" />
      <datalist id="time-zones">
        {timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field name="rolloverHour" label={t('rolloverHour')} type="number" inputMode="numeric" min={0} max={23} defaultValue={v?.rolloverHour ?? settings.rolloverHour} errors={errors.rolloverHour} hint={t('rolloverHourHint')} />
      <Field name="newPerDay" label={t('newPerDay')} type="number" inputMode="numeric" min={0} max={9999} defaultValue={v?.newPerDay ?? settings.newPerDay} errors={errors.newPerDay} />
      <button type="submit" className="primary" disabled={pending}>{t('save')}</button>
    </form>
  )
}
