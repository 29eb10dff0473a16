'use client'
/**
 * The quiz screen: the review screen's card and keys (Space or Enter shows the answer; 1–4 answer, Space after the
 * answer is Good), with buttons that show no interval, since a quiz schedules nothing unless its answers count as
 * reviews. The next card shows at once; answers go to the server in order, each retried under its review id until
 * the server has it. The server keeps the position, so a reload resumes where the last saved answer left off. A
 * refused answer (the card answered elsewhere, the quiz answered in another tab) reloads the quiz from the server.
 */
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslations } from 'next-intl'
import type { QuizAnswerRequest } from '@/lib/core/quiz'
import type { NotCountedReason, QuizView } from '@/lib/data/quiz-service'
import { GRADE_KEYS, useAnswerKeys, useGradeName, type Grade } from '@/app/ui/answer-keys'
import { useUnsavedWarning } from '@/app/ui/unsaved-warning'
import { useNotCountedText } from './not-counted'

const MAX_RETRY_DELAY_MS = 8000

export function QuizSession({ quiz, sectionTitleLang }: { quiz: QuizView; sectionTitleLang: 'en' | 'zh-Hans' }) {
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
  const [pendingCount, setPendingCount] = useState(0)
  const pending = useRef<QuizAnswerRequest[]>([])
  const sending = useRef(false)
  const shownAt = useRef(performance.now())
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
      pending.current = []
      setPendingCount(0)
      setRevealed(false)
      setCards(view.cards)
    } catch {
      /* offline: the screen stays as it is */
    }
  }, [quiz.id, router])

  /** Sends the answers not yet saved, one after another (the server takes each quiz position in order). */
  const flush = useCallback(async () => {
    if (sending.current) return
    sending.current = true
    let attempt = 0
    try {
      while (pending.current.length > 0) {
        const entry = pending.current[0]!
        let res: Response
        let body: { position?: number; finished?: boolean; reason?: string; notCounted?: NotCountedReason }
        try {
          res = await fetch('/api/quiz/answers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry) })
          if (res.status === 401) {
            setNotice(tReview('signedOutSend'))
            throw new Error('signed out')
          }
          if (res.status >= 500) throw new Error(`status ${res.status}`)
          body = (await res.json()) as typeof body
        } catch {
          // Lost response or server down: the same review id makes the retry safe.
          await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_DELAY_MS, 250 * 2 ** attempt++)))
          continue
        }
        attempt = 0
        if (res.ok) {
          pending.current.shift()
          setPendingCount(pending.current.length)
          if (body.notCounted) setNotice(notCountedText(body.notCounted))
          if (body.finished) router.refresh() // the page now shows the results
          continue
        }
        setNotice(body.reason === 'stale-version' ? t('notSavedStale') : t('notSavedConflict'))
        await reload()
        break
      }
    } finally {
      sending.current = false
    }
  }, [notCountedText, reload, router, t, tReview])

  const reveal = useCallback(() => {
    if (!card || revealed) return
    setRevealed(true)
    setAnnouncement({ kind: 'answer', html: card.answerHtml.replace(/<[^>]+>/g, '').trim() ? card.answerHtml : card.promptHtml })
  }, [card, revealed])

  const grade = useCallback(
    (rating: Grade) => {
      if (!card || !revealed) return
      pending.current.push({
        quizId: quiz.id,
        position: card.position,
        reviewId: crypto.randomUUID(),
        cardId: card.cardId,
        rating,
        version: card.version,
        durationMs: Math.round(performance.now() - shownAt.current),
      })
      setPendingCount(pending.current.length)
      setRevealed(false)
      setCards((current) => current.slice(1))
      void flush()
    },
    [card, flush, quiz.id, revealed],
  )

  useLayoutEffect(() => {
    shownAt.current = performance.now()
    if (card) setAnnouncement({ kind: 'question', html: card.promptHtml })
  }, [card?.cardId, card?.version]) // eslint-disable-line react-hooks/exhaustive-deps

  useAnswerKeys(revealed, reveal, grade)

  // Warn before leaving with answers not yet saved.
  useUnsavedWarning(() => pending.current.length > 0)

  return (
    <div data-testid="quiz-session">
      <div className="review-meta">
        <span>{card ? t('progress', { n: card.position + 1, count: quiz.cardCount }) : null}</span>
        <span>{quiz.countAsReviews ? t('modeCounted') : t('modePractice')}</span>
        <span aria-live="polite">{pendingCount > 0 ? tReview('saving', { count: pendingCount }) : ''}</span>
      </div>
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
            <>
              <div className="answer-bar reveal-bar">
                <button type="button" className="primary" data-reveal="1" aria-keyshortcuts="Space Enter" onClick={reveal} autoFocus>
                  {tReview('showAnswer')}
                </button>
              </div>
              <p className="kbd-hint">{tReview('keysBefore')}</p>
            </>
          )}
        </article>
      ) : (
        <p className="card-surface" role="status" style={{ marginTop: '1rem' }}>{t('finishing')}</p>
      )}
    </div>
  )
}
