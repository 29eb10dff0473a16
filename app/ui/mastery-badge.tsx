import { useTranslations } from 'next-intl'
import { MASTERY_STATES, type Mastery } from '@/lib/core/mastery'

/** Each state's mark: a shape as well as a colour, so that no one needs the colour to tell them apart. */
const MARKS: Record<Mastery, string> = { new: '○', learning: '◐', learned: '●', fading: '◒', paused: '‖' }
// The catalogue's keys, written out so that tests/messages.test.ts sees each one used.
const NAME_KEYS = { new: 'new', learning: 'learning', learned: 'learned', fading: 'fading', paused: 'paused' } as const
const HINT_KEYS = { new: 'newHint', learning: 'learningHint', learned: 'learnedHint', fading: 'fadingHint', paused: 'pausedHint' } as const

/** A state's mark alone, hidden from a screen reader: whatever shows it says the state's name in words too. */
export function MasteryMark({ mastery }: { mastery: Mastery }) {
  return <span className="mastery-mark" aria-hidden="true">{MARKS[mastery]}</span>
}

/** A state's name in the reader's language ("Learning"). */
export function useMasteryName(): (mastery: Mastery) => string {
  const t = useTranslations('mastery')
  return (mastery) => t(NAME_KEYS[mastery])
}

/** A claim's mastery as a mark and its name (the name is visible: the colour only repeats it). */
export function MasteryBadge({ mastery }: { mastery: Mastery }) {
  const name = useMasteryName()
  return (
    <span className={`mastery mastery-${mastery}`}>
      <MasteryMark mastery={mastery} /> {name(mastery)}
    </span>
  )
}

/** What each state means, with how many claims are in it. */
export function MasteryLegend({ counts }: { counts: Record<Mastery, number> }) {
  const t = useTranslations('mastery')
  return (
    <section aria-labelledby="legend-heading" className="legend">
      <h2 id="legend-heading">{t('legendHeading')}</h2>
      <dl>
        {MASTERY_STATES.map((m) => (
          <div key={m}>
            <dt><MasteryBadge mastery={m} /> <span className="legend-count">{counts[m]}</span></dt>
            <dd>{t(HINT_KEYS[m])}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
