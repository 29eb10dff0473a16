import { getTranslations } from 'next-intl/server'
import type { BrowserCard } from '@/lib/data/browse-service'
import type { ChangeSummary } from '@/lib/core/browse-actions'
import { undoLast } from '@/app/actions/browse'

/** A card's flags for this person (suspended, buried today and why, leech), as badges. */
export async function CardFlags({ card }: { card: Pick<BrowserCard, 'suspended' | 'buried' | 'leech'> }) {
  const t = await getTranslations('browse')
  return (
    <>
      {card.suspended ? <span className="badge">{t('flagSuspended')}</span> : null}{' '}
      {card.buried ? <span className="badge">{card.buried === 'manual' ? t('flagBuried') : t('flagSiblingBuried')}</span> : null}{' '}
      {card.leech ? <span className="badge">{t('flagLeech')}</span> : null}
    </>
  )
}

// Message keys written out, so that the catalogue check (tests/messages.test.ts) sees each used.
const DONE_KEYS = { suspend: 'done.suspend', resume: 'done.resume', bury: 'done.bury', unbury: 'done.unbury', reset: 'done.reset' } as const
const UNDONE_KEYS = { yes: 'undone.yes', nothing: 'undone.nothing', changed: 'undone.changed' } as const

/** What the last submit did (from the page's URL), said once in a status region. */
export async function ChangeNotice({ change, undone }: { change: ChangeSummary | null; undone: 'yes' | 'nothing' | 'changed' | null }) {
  const t = await getTranslations('browse')
  const lines: string[] = []
  if (change) {
    lines.push(t(DONE_KEYS[change.op], { count: change.changed }))
    if (change.unchanged > 0) lines.push(t('doneUnchanged', { count: change.unchanged }))
    if (change.stale > 0) lines.push(t('doneStale', { count: change.stale }))
  }
  if (undone) lines.push(t(UNDONE_KEYS[undone]))
  return (
    <div role="status" className={lines.length ? 'notice' : undefined}>
      {lines.map((line) => <p key={line}>{line}</p>)}
    </div>
  )
}

/** "Undo" for the change just made (it must still be the day's newest), back to `back`. */
export async function UndoForm({ expect, back, hint }: { expect: string | null; back: string; hint?: boolean }) {
  if (!expect) return null
  const t = await getTranslations('browse')
  return (
    <form action={undoLast} className="actions">
      <input type="hidden" name="expect" value={expect} />
      <input type="hidden" name="back" value={back} />
      <button type="submit">{t('undo')}</button>
      {hint ? <span className="muted">{t('undoHint')}</span> : null}
    </form>
  )
}
