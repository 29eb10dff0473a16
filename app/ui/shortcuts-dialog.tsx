'use client'
/**
 * "?" (or the button) lists every key of the review screen in a modal <dialog>: Esc closes it (the browser's own
 * dialog behaviour) and focus goes back to where it was.
 */
import { forwardRef, useImperativeHandle, useRef } from 'react'
import { useTranslations } from 'next-intl'

/** One key: a catalogue word (Space, Enter) or a key cap shown as it is printed (Z, 1, -, Ctrl). */
type Key = { word: 'keySpace' | 'keyEnter' } | { cap: string }
type What = 'shortcutReveal' | 'shortcutAgain' | 'shortcutHard' | 'shortcutGood' | 'shortcutEasy' | 'shortcutUndo' | 'shortcutBury' | 'shortcutSuspend' | 'shortcutHelp'
export type Shortcut = { keys: Key[][]; what: What }

const cap = (c: string): Key => ({ cap: c })

/** The review screen's keys (app/ui/answer-keys.ts and review-session.tsx say what they do). */
export const REVIEW_SHORTCUTS: Shortcut[] = [
  { keys: [[{ word: 'keySpace' }], [{ word: 'keyEnter' }]], what: 'shortcutReveal' },
  { keys: [[cap('1')]], what: 'shortcutAgain' },
  { keys: [[cap('2')]], what: 'shortcutHard' },
  { keys: [[cap('3')], [{ word: 'keySpace' }]], what: 'shortcutGood' },
  { keys: [[cap('4')]], what: 'shortcutEasy' },
  { keys: [[cap('Z')], [cap('Ctrl'), cap('Z')]], what: 'shortcutUndo' },
  { keys: [[cap('-')]], what: 'shortcutBury' },
  { keys: [[cap('@')]], what: 'shortcutSuspend' },
  { keys: [[cap('?')]], what: 'shortcutHelp' },
]

export type ShortcutsDialogHandle = { open: () => void }

export const ShortcutsDialog = forwardRef<ShortcutsDialogHandle, { shortcuts: Shortcut[] }>(function ShortcutsDialog({ shortcuts }, ref) {
  const t = useTranslations('review')
  const dialog = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  useImperativeHandle(ref, () => ({
    open() {
      const d = dialog.current
      if (!d || d.open) return
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      d.showModal()
    },
  }))
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-heading"
      onClose={() => {
        // Back where the person was (the card, a button); never the page body.
        const back = returnTo.current
        if (back && back.isConnected) back.focus()
        else document.getElementById('card-prompt')?.focus()
      }}
    >
      <h2 id="shortcuts-heading">{t('shortcutsHeading')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('shortcutKeys')}</th>
            <th scope="col">{t('shortcutWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((combo, i) => (
                  <span key={i}>
                    {i > 0 ? ` ${t('shortcutOr')} ` : null}
                    {combo.map((k, j) => (
                      <span key={j}>
                        {j > 0 ? '+' : null}
                        {'word' in k ? <kbd>{t(k.word)}</kbd> : <kbd lang={/^[A-Za-z]{2,}$/.test(k.cap) ? 'en' : undefined}>{k.cap}</kbd>}
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: '1rem' }}>{t('shortcutFocusNote')}</p>
      <form method="dialog">
        <button type="submit" autoFocus>{t('shortcutsClose')}</button>
      </form>
    </dialog>
  )
})
