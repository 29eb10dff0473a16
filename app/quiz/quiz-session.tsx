'use client'
/**
 * The quiz screen: the review screen's card and keys (Space or Enter shows the answer; 1–4 answer, Space after the
 * answer is Good), with buttons that show no interval, since a quiz schedules nothing unless its answers count as
 * reviews. The next card shows at once; answers go to the server through the answer sender
 * (lib/client/answer-sender.ts: in order, each retried under its review id until the server has it). The server keeps
 * the position, so a reload resumes where the last saved answer left off. A refused answer (the card answered
 * elsewhere, the quiz answered in another tab) takes the answers after it with it and reloads the quiz from the server.
 */
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import { RevealBar } from '@/app/ui/reveal-bar'
import type { QuizAnswerRequest } from '@/lib/core/quiz'
import type { TitlePart } from '@/lib/core/display-language'
import type { NotCountedReason, QuizView } from '@/lib/data/quiz-service'
import { browserAnswerSender, ServerClock, type AnswerOutcome } from '@/lib/client/answer-sender'
import { GRADE_KEYS, useAnswerKeys, useGradeName, type Grade } from '@/app/ui/answer-keys'
import { useUnsavedWarning } from '@/app/ui/unsaved-warning'
import { useAnswerSender } from '@/app/ui/use-answer-sender'
import { useQuestionAnnouncement } from '@/app/ui/question-announcement'
import { useSaveNotice } from '@/app/review/save-notice'
import { useNotCountedText } from './not-counted'
import { markQuizJustFinished } from './quiz-end'

/** What POST /api/quiz/answers answers when it took an answer, and when it refused one. */
type QuizAnswered = { position?: number; finished?: boolean; notCounted?: NotCountedReason }
type QuizRefusal = { reason?: string }

export function QuizSession({ quiz, sectionTitleLang, serverNow }: {
  quiz: QuizView
  sectionTitleLang: TitlePart['lang'] | undefined
  /** The server's now when the page was made: answers are dated on the server's clock, as on the review screen. */
  serverNow: string
}) {
  const t = useTranslations('quiz')
  const tReview = useTranslations('review')
  const tClaim = useTranslations('claim')
  const router = useRouter()
  const gradeName = useGradeName()
  const notCountedText = useNotCountedText()
  const [cards, setCards] = useState(quiz.cards)
  const [revealed, setRevealed] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState<{ kind: 'question' | 'answer'; html: string } | null>(null)
  // Each answer of a quiz takes the quiz's next position: a refused one takes every answer after it with it.
  const [clock] = useState(() => new ServerClock(serverNow))
  // An answer counted as a review is graded at the moment it was given (a retry or a lost connection does not move it to the next study day).
  const [sender, sending] = useAnswerSender(() => browserAnswerSender<QuizAnswerRequest, QuizAnswered, QuizRefusal>({ url: '/api/quiz/answers', clock, chained: () => true }))
  const shownAt = useRef(0) // set when each card is painted
  const answerRef = useRef<HTMLDivElement>(null)
  // As on the review screen: after the reveal the focus is on the answer, not dropped with the button it replaces.
  useEffect(() => {
    if (revealed) answerRef.current?.focus()
  }, [revealed])
  const card = cards[0] ?? null

  /** The quiz as the server has it: after a refusal every answer given after the refused one is asked again. */
  const reload = useCallback(async () => {
    try {
      const res = await fetch(`/api/quiz/${quiz.id}`, { cache: 'no-store' })
      if (!res.ok) return
      const view = (await res.json()) as QuizView
      if (view.results) return router.refresh()
      setRevealed(false)
      setCards(view.cards)
    } catch {
      /* offline: the screen stays as it is */
    }
  }, [quiz.id, router])

  /** What the server made of an answer: the result handling of the quiz screen, in one place. */
  const answered = useCallback(
    (outcome: AnswerOutcome<QuizAnswered, QuizRefusal>) => {
      if (outcome.kind === 'saved') {
        // Kept as practice, not as a review: say why (the day's limit, a new study day, the clock, an undone answer).
        if (outcome.reply.notCounted) setNotice(notCountedText(outcome.reply.notCounted))
        if (outcome.reply.finished) {
          markQuizJustFinished(quiz.id) // the results announce the end and take the focus
          router.refresh() // the page now shows the results
        }
        return
      }
      // An answer dropped with the refused one before it: that one's notice and reload say it all. (The quiz takes
      // back no answer it sent: none is withdrawn.)
      if (outcome.kind === 'dropped' || outcome.kind === 'withdrawn') return
      setNotice(outcome.reply.reason === 'stale-version' ? t('notSavedStale') : t('notSavedConflict'))
      void reload()
    },
    [notCountedText, quiz.id, reload, router, t],
  )

  const reveal = useCallback(() => {
    if (!card || revealed) return
    setRevealed(true)
    setAnnouncement({ kind: 'answer', html: card.answerHtml.replace(/<[^>]+>/g, '').trim() ? card.answerHtml : card.promptHtml })
  }, [card, revealed])

  const grade = useCallback(
    (rating: Grade) => {
      if (!card || !revealed) return
      const durationMs = Math.round(performance.now() - shownAt.current)
      const body: QuizAnswerRequest = { quizId: quiz.id, position: card.position, reviewId: crypto.randomUUID(), cardId: card.cardId, rating, version: card.version, durationMs, answeredAt: new Date(clock.nowMs()).toISOString() }
      setRevealed(false)
      setCards((current) => current.slice(1))
      void sender.send({ id: body.reviewId, cardId: card.cardId, version: card.version, body }).then(answered)
    },
    [answered, card, clock, quiz.id, revealed, sender],
  )

  const cardKey = useQuestionAnnouncement(card, setAnnouncement)
  useLayoutEffect(() => {
    shownAt.current = performance.now()
  }, [cardKey])

  useAnswerKeys(revealed, reveal, grade)

  // Warn before leaving with answers not yet saved.
  useUnsavedWarning(() => sender.pending().length > 0)
  // Saving is read out only when an answer has waited (as on the review screen), not after every answer.
  const saveNotice = useSaveNotice(sending.pending)

  return (
    <div data-testid="quiz-session">
      <div className="review-meta">
        <span>{card ? t('progress', { n: card.position + 1, count: quiz.cardCount }) : null}</span>
        <span>{quiz.countAsReviews ? t('modeCounted') : t('modePractice')}</span>
        <span>{sending.pending > 0 ? tReview('saving', { count: sending.pending }) : ''}</span>
        {sending.state === 'offline' ? <span>{tReview('offlineWaiting')}</span> : null}
      </div>
      <div className="sr-only" role="status">{saveNotice}</div>
      {/* Until the answers go: signing in again (in another tab) and coming back sends them. */}
      {sending.state === 'signed-out' ? <div role="alert" className="notice">{tReview('signedOutSend')}</div> : null}
      {notice ? (
        <div role="alert" className="notice">
          {notice} <button type="button" className="link-button" onClick={() => setNotice(null)}>{tReview('dismiss')}</button>
        </div>
      ) : null}
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement ? tReview.rich(announcement.kind === 'question' ? 'announceQuestion' : 'announceAnswer', { card: () => <span dangerouslySetInnerHTML={{ __html: announcement.html }} /> }) : null}
      </div>
      {card ? (
        <article className="card-surface" aria-labelledby="card-prompt" style={{ marginTop: '1rem' }}>
          <p className="muted" style={{ marginTop: 0 }}>{card.kind === 'cloze' ? tReview('kindCloze') : tReview('kindBasic')}</p>
          <h2 id="card-prompt" className="prompt" dangerouslySetInnerHTML={{ __html: card.promptHtml }} />
          {revealed ? (
            <>
              <div className="answer" ref={answerRef} tabIndex={-1} aria-labelledby="quiz-answer-heading">
                <h3 id="quiz-answer-heading" className="sr-only">{tReview('answerHeading')}</h3>
                <div dangerouslySetInnerHTML={{ __html: card.answerHtml }} />
                <p className="muted" style={{ fontSize: '1rem' }}>
                  <strong>{tClaim('label')}</strong> <span dangerouslySetInnerHTML={{ __html: card.claim.html }} />
                </p>
                <p style={{ fontSize: '1rem' }}>
                  <Link href={`/sections/${card.section.id}?deck=${encodeURIComponent(card.section.deckId)}#${card.claim.id}`}>
                    {tReview.rich('sectionLink', { id: card.section.id, title: () => <span lang={sectionTitleLang}>{card.section.title}</span> })}
                  </Link>
                </p>
              </div>
              <div className="grade-buttons answer-bar" role="group" aria-label={tReview('gradesLabel')}>
                {GRADE_KEYS.map((g) => (
                  <button key={g.rating} type="button" className={g.key} aria-keyshortcuts={String(g.rating)} onClick={() => grade(g.rating)}>
                    {gradeName(g.rating)}
                  </button>
                ))}
              </div>
              <p className="kbd-hint">{tReview('keysAfter')}</p>
            </>
          ) : (
            <RevealBar reveal={reveal} hint={tReview('keysBefore')} />
          )}
        </article>
      ) : (
        <p className="card-surface" role="status" style={{ marginTop: '1rem' }}>{t('finishing')}</p>
      )}
    </div>
  )
}
