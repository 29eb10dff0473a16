'use client'
import { useActionState } from 'react'
import { updateSettings } from '@/app/actions/settings'
import { idle } from '@/lib/form'
import type { StudySettings } from '@/lib/core/settings'
import { Field, FormMessage } from '@/app/ui/field'

export function SettingsForm({ settings, timeZones }: { settings: StudySettings; timeZones: string[] }) {
  const [state, action, pending] = useActionState(updateSettings, idle)
  const v = state.values
  const errors = state.fieldErrors ?? {}
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <div className="field">
        <label htmlFor="field-displayLanguage">Show cards in</label>
        <select id="field-displayLanguage" name="displayLanguage" defaultValue={v?.displayLanguage ?? settings.displayLanguage} aria-invalid={errors.displayLanguage ? true : undefined} aria-describedby={errors.displayLanguage ? 'field-displayLanguage-error' : undefined}>
          <option value="en">English</option>
          <option value="zh">Chinese (中文)</option>
          <option value="both">Both (English and 中文)</option>
        </select>
        {errors.displayLanguage ? <p id="field-displayLanguage-error" className="field-error">{errors.displayLanguage.join(' ')}</p> : null}
      </div>
      <Field name="timeZone" label="Time zone" list="time-zones" defaultValue={v?.timeZone ?? settings.timeZone} errors={errors.timeZone} hint="Your study day follows this zone." autoComplete="off" />
      <datalist id="time-zones">
        {timeZones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Field name="rolloverHour" label="New day starts at (hour, 0–23)" type="number" inputMode="numeric" min={0} max={23} defaultValue={v?.rolloverHour ?? settings.rolloverHour} errors={errors.rolloverHour} hint="As in Anki: reviews before this hour count for the previous day." />
      <Field name="newPerDay" label="New cards per day" type="number" inputMode="numeric" min={0} max={9999} defaultValue={v?.newPerDay ?? settings.newPerDay} errors={errors.newPerDay} />
      <button type="submit" className="primary" disabled={pending}>Save settings</button>
    </form>
  )
}
