'use client'
import { useActionState, useState, type ReactNode } from 'react'
import { useTranslations } from 'next-intl'
import { updateSettings } from '@/app/actions/settings'
import { idle } from '@/lib/form'
import { RETENTION_WARNING_ABOVE } from '@/lib/core/form-limits'
import type { SettingHintValues, UserSettings } from '@/lib/core/settings'
import { Field, FormMessage, SelectField } from '@/app/ui/field'

/** `hints`: each setting's bounds and default, which the hints interpolate (lib/core/settings.ts, on the server: zod stays there). */
/** `decide`: "Help me decide" (drawn on the server), shown beside the desired retention. */
export function SettingsForm({ settings, timeZones, hints, decide }: { settings: UserSettings; timeZones: string[]; hints: SettingHintValues; decide?: ReactNode }) {
  const [state, action, pending] = useActionState(updateSettings, idle)
  const t = useTranslations('settings')
  const v = state.values
  const errors = state.fieldErrors ?? {}
  // What was typed comes back with an error; otherwise the stored value.
  const value = (name: keyof UserSettings) => v?.[name] ?? String(settings[name])
  const [retention, setRetention] = useState(value('desiredRetention'))
  const highRetention = Number(retention.replace(',', '.')) > RETENTION_WARNING_ABOVE
  // Typed as text, read by the schema: a blank or "0x10" is refused with a message, never turned into a number.
  const number = (name: keyof UserSettings, label: string, hint: string) => (
    <Field name={name} label={label} hint={hint} inputMode="numeric" defaultValue={value(name)} errors={errors[name]} autoComplete="off" />
  )
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
      <fieldset className="stack">
        <legend>{t('legendDay')}</legend>
        <Field name="timeZone" label={t('timeZone')} list="time-zones" defaultValue={v?.timeZone ?? settings.timeZone} errors={errors.timeZone} hint={t('timeZoneHint')} autoComplete="off" />
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {number('rolloverHour', t('rolloverHour', hints.rolloverHour), t('rolloverHourHint', hints.rolloverHour))}
      </fieldset>
      <fieldset className="stack">
        <legend>{t('legendLimits')}</legend>
        {number('newPerDay', t('newPerDay'), t('newPerDayHint', hints.newPerDay))}
        {number('maxReviewsPerDay', t('maxReviewsPerDay'), t('maxReviewsPerDayHint', hints.maxReviewsPerDay))}
        <SelectField name="newCardOrder" label={t('newCardOrder')} hint={t('newCardOrderHint', hints.newCardOrder)} defaultValue={value('newCardOrder')} errors={errors.newCardOrder}>
          <option value="deck">{t('orderDeck')}</option>
          <option value="core-first">{t('orderCoreFirst')}</option>
        </SelectField>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="burySiblings" defaultChecked={v ? v.burySiblings === 'on' : settings.burySiblings} aria-describedby="field-burySiblings-hint" /> {t('burySiblings')}
          </label>
          <span id="field-burySiblings-hint" className="muted">{t('burySiblingsHint', hints.burySiblings)}</span>
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('legendScheduling')}</legend>
        <Field
          name="desiredRetention"
          label={t('desiredRetention')}
          hint={highRetention ? `${t('desiredRetentionHint', hints.desiredRetention)} ${t('retentionWarning')}` : t('desiredRetentionHint', hints.desiredRetention)}
          inputMode="decimal"
          value={retention}
          onChange={(e) => setRetention(e.target.value)}
          errors={errors.desiredRetention}
          autoComplete="off"
        />
        {decide}
        <Field name="learningSteps" label={t('learningSteps')} hint={t('learningStepsHint', hints.learningSteps)} defaultValue={value('learningSteps')} errors={errors.learningSteps} autoComplete="off" spellCheck={false} />
        <Field name="relearningSteps" label={t('relearningSteps')} hint={t('relearningStepsHint', hints.relearningSteps)} defaultValue={value('relearningSteps')} errors={errors.relearningSteps} autoComplete="off" spellCheck={false} />
        {number('maximumInterval', t('maximumInterval'), t('maximumIntervalHint', hints.maximumInterval))}
        {number('leechThreshold', t('leechThreshold'), t('leechThresholdHint', hints.leechThreshold))}
      </fieldset>
      <button type="submit" className="primary" disabled={pending}>{t('save')}</button>
    </form>
  )
}
