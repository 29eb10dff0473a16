'use client'
/**
 * A talk's fields: its title, the talk date, the sections and tags it covers, and the most minutes a day. Every
 * field is held here, so a refused form keeps what was chosen. The same form makes a talk and changes one.
 */
import { useActionState, useState } from 'react'
import { useTranslations } from 'next-intl'
import { saveTalk } from '@/app/actions/talks'
import { idle } from '@/lib/form'
import type { TitlePart } from '@/lib/core/display-language'
import { MAX_TALK_MINUTES } from '@/lib/core/form-limits'
import { KeptForm } from '@/app/ui/kept-form'
import { Field, FormMessage } from '@/app/ui/field'

export type SectionChoice = { key: string; id: string; title: string; lang: TitlePart['lang'] | undefined }
/** A tag as a form offers it: its slug (the value sent) and its name in the display language. */
export type TagChoice = { slug: string; title: string; lang: TitlePart['lang'] | undefined }
export type TalkFields = { id?: string; title: string; date: string; sections: string[]; tags: string[]; minutesPerDay: number | null }

export function TalkForm({ sections, tags, initial, minDate }: { sections: SectionChoice[]; tags: TagChoice[]; initial?: TalkFields; minDate: string }) {
  const [state, action, pending] = useActionState(saveTalk, idle)
  const t = useTranslations('talks')
  const errors = state.fieldErrors ?? {}
  const [title, setTitle] = useState(initial?.title ?? '')
  const [date, setDate] = useState(initial?.date ?? '')
  const [chosenSections, setChosenSections] = useState<string[]>(initial?.sections ?? [])
  const [chosenTags, setChosenTags] = useState<string[]>(initial?.tags ?? [])
  const [minutes, setMinutes] = useState(initial?.minutesPerDay === null || initial?.minutesPerDay === undefined ? '' : String(initial.minutesPerDay))
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value))
  const scopeError = errors.scope ?? errors.sections ?? errors.tags

  return (
    <KeptForm action={action} className="stack talk-form">
      <FormMessage state={state} />
      {initial?.id ? <input type="hidden" name="talkId" value={initial.id} /> : null}
      <Field name="title" label={t('title')} value={title} onChange={(e) => setTitle(e.target.value)} errors={errors.title} maxLength={200} required />
      <Field name="date" label={t('date')} type="date" min={minDate} value={date} onChange={(e) => setDate(e.target.value)} errors={errors.date} hint={t('dateHint')} required />
      <fieldset className="choices" aria-describedby={scopeError ? 'scope-error' : 'scope-hint'}>
        <legend>{t('scopeLegend')}</legend>
        <p id="scope-hint" className="muted">{t('scopeHint')}</p>
        <fieldset className="choice-group">
          <legend>{t('sectionsLegend')}</legend>
          {sections.map((s) => (
            <label key={s.key} className="choice">
              <input type="checkbox" name="sections" value={s.key} checked={chosenSections.includes(s.key)} onChange={(e) => setChosenSections(toggle(chosenSections, s.key, e.target.checked))} />
              <span>{t.rich('sectionOption', { id: s.id, title: () => <span lang={s.lang}>{s.title}</span> })}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t('tagsLegend')}</legend>
          {tags.map(({ slug, title, lang }) => (
            <label key={slug} className="choice">
              <input type="checkbox" name="tags" value={slug} checked={chosenTags.includes(slug)} onChange={(e) => setChosenTags(toggle(chosenTags, slug, e.target.checked))} />
              <span lang={lang}>{title}</span>
            </label>
          ))}
        </fieldset>
        {scopeError ? <p id="scope-error" className="field-error">{scopeError.join(' ')}</p> : null}
      </fieldset>
      <Field
        name="minutesPerDay"
        label={t('minutesPerDay')}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_TALK_MINUTES}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        errors={errors.minutesPerDay}
        hint={t('minutesHint')}
      />
      <button type="submit" className="primary" disabled={pending}>{initial?.id ? t('saveChanges') : t('create')}</button>
    </KeptForm>
  )
}
