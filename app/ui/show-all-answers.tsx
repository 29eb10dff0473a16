'use client'
/** "Show all answers" on a section page: opens (or closes) every card's hidden answer at once. */
import { useState } from 'react'
import { useTranslations } from 'next-intl'

export function ShowAllAnswers() {
  const t = useTranslations('section')
  const [shown, setShown] = useState(false)
  function toggle() {
    const open = !shown
    for (const answer of document.querySelectorAll<HTMLDetailsElement>('main details.card-answer')) answer.open = open
    // The card lists the answers sit in are opened too, so that what was asked for is on screen.
    if (open) for (const list of document.querySelectorAll<HTMLDetailsElement>('main details:has(details.card-answer)')) list.open = true
    setShown(open)
  }
  return (
    <button type="button" onClick={toggle}>
      {shown ? t('hideAll') : t('showAll')}
    </button>
  )
}
