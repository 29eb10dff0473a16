'use client'
import { useTranslations } from 'next-intl'

/** The review and quiz screens' "Show answer" (on a phone, a bar fixed at the bottom, in reach of the thumb) and the keys' hint below it. */
export function RevealBar({ reveal, hint }: { reveal: () => void; hint: string }) {
  const t = useTranslations('review')
  return (
    <>
      <div className="answer-bar reveal-bar">
        <button type="button" className="primary" data-reveal="1" aria-keyshortcuts="Space Enter" onClick={reveal} autoFocus>
          {t('showAnswer')}
        </button>
      </div>
      <p className="kbd-hint">{hint}</p>
    </>
  )
}
