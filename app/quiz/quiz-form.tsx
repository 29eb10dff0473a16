'use client'
/**
 * The quiz's choices: the scope (with its sections, tags or number of weakest claims), core claims only, the length,
 * the order, and whether answers count as reviews. Every field is held here, so a refused form keeps what was chosen.
 * The common choice (the whole interview, 20 cards, shuffled, as practice) is the defaults: one press of "Start quiz".
 * The rest is behind "More options" (a <details>: its fields are sent closed or open), opened by a refused form.
 */
import { useActionState, useState } from 'react'
import { useTranslations } from 'next-intl'
import { startQuiz } from '@/app/actions/quiz'
import { idle } from '@/lib/form'
import type { SectionChoice, TagChoice } from '@/app/talks/talk-form'
import { DEFAULT_QUIZ_CARDS, DEFAULT_WEAKEST_CLAIMS, MAX_QUIZ_CARDS } from '@/lib/core/form-limits'
import type { QuizScope } from '@/lib/core/quiz'
import { KeptForm } from '@/app/ui/kept-form'
import { Field, FormMessage, SelectField } from '@/app/ui/field'


const SCOPE_LABELS = { all: 'scopeAll', sections: 'scopeSections', tags: 'scopeTags', weakest: 'scopeWeakest', unstudied: 'scopeUnstudied' } as const

export function QuizForm({ sections, tags }: { sections: SectionChoice[]; tags: TagChoice[] }) {
  const [state, action, pending] = useActionState(startQuiz, idle)
  const t = useTranslations('quiz')
  const errors = state.fieldErrors ?? {}
  const [scope, setScope] = useState<QuizScope>('all')
  const [chosenSections, setChosenSections] = useState<string[]>([])
  const [chosenTags, setChosenTags] = useState<string[]>([])
  const [weakest, setWeakest] = useState(String(DEFAULT_WEAKEST_CLAIMS))
  const [coreOnly, setCoreOnly] = useState(false)
  const [length, setLength] = useState(String(DEFAULT_QUIZ_CARDS))
  const [order, setOrder] = useState('shuffled')
  const [countAsReviews, setCountAsReviews] = useState(false)
  const [moreOpen, setMoreOpen] = useState(false)
  // A refused choice is shown at its field: a new refusal opens the options (adjusted while rendering, not in an effect).
  const [answered, setAnswered] = useState(state)
  if (state !== answered) {
    setAnswered(state)
    if (state.fieldErrors) setMoreOpen(true)
  }

  // Ticking a section or a tag means that scope.
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value))

  const radio = (value: QuizScope) => (
    <label className="choice">
      <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
      <span>{t(SCOPE_LABELS[value])}</span>
    </label>
  )

  return (
    <KeptForm action={action} className="stack quiz-form">
      <FormMessage state={state} />
      <p id="quiz-choice-now">{t('choiceNow', { count: Number(length) || 0, scope: t(SCOPE_LABELS[scope]), mode: countAsReviews ? 'counted' : 'practice' })}</p>
      <details className="more-options" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary>{t('moreOptions')}</summary>
        <div className="stack">
          <fieldset className="choices">
            <legend>{t('scopeLegend')}</legend>
            {radio('all')}
            {radio('sections')}
            <fieldset className="choice-group" aria-describedby={errors.sections ? 'sections-error' : undefined}>
              <legend className="sr-only">{t('sectionsLegend')}</legend>
              {sections.map((s) => (
                <label key={s.key} className="choice">
                  <input
                    type="checkbox"
                    name="sections"
                    value={s.key}
                    checked={chosenSections.includes(s.key)}
                    onChange={(e) => {
                      setChosenSections(toggle(chosenSections, s.key, e.target.checked))
                      if (e.target.checked) setScope('sections')
                    }}
                  />
                  <span>{t.rich('sectionOption', { id: s.id, title: () => <span lang={s.lang}>{s.title}</span> })}</span>
                </label>
              ))}
            </fieldset>
            {errors.sections ? <p id="sections-error" className="field-error">{errors.sections.join(' ')}</p> : null}
            {radio('tags')}
            <fieldset className="choice-group" aria-describedby={errors.tags ? 'tags-error' : undefined}>
              <legend className="sr-only">{t('tagsLegend')}</legend>
              {tags.map(({ slug, title, lang }) => (
                <label key={slug} className="choice">
                  <input
                    type="checkbox"
                    name="tags"
                    value={slug}
                    checked={chosenTags.includes(slug)}
                    onChange={(e) => {
                      setChosenTags(toggle(chosenTags, slug, e.target.checked))
                      if (e.target.checked) setScope('tags')
                    }}
                  />
                  <span lang={lang}>{title}</span>
                </label>
              ))}
            </fieldset>
            {errors.tags ? <p id="tags-error" className="field-error">{errors.tags.join(' ')}</p> : null}
            {radio('weakest')}
            <div className="choice-group">
              <Field
                name="weakest"
                label={t('weakest')}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_QUIZ_CARDS}
                value={weakest}
                onChange={(e) => {
                  setWeakest(e.target.value)
                  setScope('weakest')
                }}
                errors={errors.weakest}
              />
            </div>
            {radio('unstudied')}
            {errors.scope ? <p className="field-error">{errors.scope.join(' ')}</p> : null}
          </fieldset>
          <label className="choice">
            <input type="checkbox" name="coreOnly" checked={coreOnly} onChange={(e) => setCoreOnly(e.target.checked)} />
            <span>{t('coreOnly')}</span>
          </label>
          <Field name="length" label={t('length')} type="number" inputMode="numeric" min={1} max={MAX_QUIZ_CARDS} value={length} onChange={(e) => setLength(e.target.value)} errors={errors.length} />
          <SelectField name="order" label={t('order')} value={order} onChange={(e) => setOrder(e.target.value)} errors={errors.order}>
            <option value="shuffled">{t('orderShuffled')}</option>
            <option value="deck">{t('orderDeck')}</option>
          </SelectField>
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="countAsReviews" checked={countAsReviews} onChange={(e) => setCountAsReviews(e.target.checked)} aria-describedby="count-as-reviews-hint" />
              <span>{t('countAsReviews')}</span>
            </label>
            <span id="count-as-reviews-hint" className="muted">{t('countAsReviewsHint')}</span>
          </div>
        </div>
      </details>
      <button type="submit" className="primary" disabled={pending} aria-describedby="quiz-choice-now">{t('start')}</button>
    </KeptForm>
  )
}
