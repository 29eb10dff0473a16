'use client'
/**
 * The end of a quiz, as the review's finish line does it (app/review/finish-line.tsx): when the last answer of a quiz
 * is in, its page shows the results, whose heading takes the focus (dropped with the last grade button) and whose
 * outcome a screen reader hears from a live region. Only in the tab that answered it: results opened later (from a
 * talk page, say) are a page like any other.
 */
import { useEffect, useState } from 'react'

const key = (quizId: string) => `keyclaims:quiz-finished:${quizId}`

/** Called by the quiz screen when the server says the last answer finished the quiz, before the page shows results. */
export function markQuizJustFinished(quizId: string) {
  try {
    sessionStorage.setItem(key(quizId), '1')
  } catch {
    /* storage refused (a private window's quota): the results show without the announcement */
  }
}

function takeJustFinished(quizId: string): boolean {
  try {
    const finished = sessionStorage.getItem(key(quizId)) !== null
    sessionStorage.removeItem(key(quizId))
    return finished
  } catch {
    return false
  }
}

/** A live region (empty when the page is painted) that says `text`, and the focus on `headingId`, once per finish. */
export function QuizEndAnnouncement({ quizId, headingId, text }: { quizId: string; headingId: string; text: string }) {
  const [said, setSaid] = useState('')
  useEffect(() => {
    if (!takeJustFinished(quizId)) return
    document.getElementById(headingId)?.focus()
    // A live region is read when its content changes after it is in the page: fill it a moment after the paint.
    const timer = setTimeout(() => setSaid(text), 150)
    return () => clearTimeout(timer)
  }, [quizId, headingId, text])
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
      {said}
    </div>
  )
}
