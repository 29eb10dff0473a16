'use client'
/** The card on the review screen: its prompt, then its answer with the grade buttons (the phone's bottom bar). */
import type { TitlePart } from '@/lib/core/display-language'
import Link from 'next/link'
import { useEffect, useRef } from 'react'
import { useTranslations } from 'next-intl'
import { RevealBar } from '@/app/ui/reveal-bar'
import type { StudyCard } from '@/lib/data/study-service'
import { parseIntervalCode } from '@/lib/core/interval'
import { GRADE_KEYS, type Grade } from '@/app/ui/answer-keys'

export function ReviewCard({ card, revealed, reveal, grade, sectionTitleLang }: {
  card: StudyCard
  revealed: boolean
  reveal: () => void
  grade: (rating: Grade) => void
  /** The `lang` of the section titles the cards carry (English for "both"). */
  sectionTitleLang: TitlePart['lang'] | undefined
}) {
  const t = useTranslations('review')
  const tClaim = useTranslations('claim')
  const answerRef = useRef<HTMLDivElement>(null)
  // After the reveal the answer has the focus (the "Show answer" button it replaces is gone): Space there means Good.
  useEffect(() => {
    if (revealed) answerRef.current?.focus()
  }, [revealed])
  // data-day: the study day of the buttons shown (the day turning refreshes them; tests read it).
  return (
    <article
      className="card-surface"
      aria-labelledby="card-prompt"
      style={{ marginTop: '1rem' }}
      data-day={card.day}
      // A tap anywhere on the card shows the answer, as in AnkiDroid (a link or button keeps its own tap).
      onClick={(e) => {
        if (!revealed && !(e.target instanceof Element && e.target.closest('a, button, input, summary'))) reveal()
      }}
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {card.state === 'new' ? t('stateNew') : card.state === 'review' ? t('stateReview') : t('stateLearning')} · {card.kind === 'cloze' ? t('kindCloze') : t('kindBasic')}
        {card.early ? (
          <>
            {' · '}
            <span className="badge" aria-describedby="early-note">{t('early')}</span>
          </>
        ) : null}
      </p>
      {card.early ? <p id="early-note" className="muted" style={{ fontSize: '1rem' }}>{t('earlyNote')}</p> : null}
      {/* A cloze's answer side is its sentence with the blank filled: it takes the prompt's place, shown once. */}
      <h2 id="card-prompt" className="prompt" tabIndex={-1} dangerouslySetInnerHTML={{ __html: revealed && clozeInPlace(card) ? card.answerHtml : card.promptHtml }} />
      {revealed ? (
        <>
          <div className="answer" ref={answerRef} tabIndex={-1} aria-labelledby="answer-heading">
            <h3 id="answer-heading" className="sr-only">{t('answerHeading')}</h3>
            {clozeInPlace(card) ? null : <div dangerouslySetInnerHTML={{ __html: card.answerHtml }} />}
            <p className="muted" style={{ fontSize: '1rem' }}>
              <strong>{tClaim('label')}</strong> <span dangerouslySetInnerHTML={{ __html: card.claim.html }} />
            </p>
            <p className="muted" style={{ fontSize: '1rem' }}>
              <strong>{tClaim('why')}</strong> <span dangerouslySetInnerHTML={{ __html: card.claim.whyHtml }} />
            </p>
            {/* Only after the answer: some cards ask which part of the interview argues a point. */}
            <p style={{ fontSize: '1rem' }}>
              <Link href={`/sections/${card.section.id}#${card.claim.id}`}>
                {t.rich('sectionLink', { id: card.section.id, title: () => <span lang={sectionTitleLang}>{card.section.title}</span> })}
              </Link>
            </p>
          </div>
          {/* On a phone, a bar fixed at the bottom (as AnkiDroid's), in reach of the thumb. */}
          <div className="grade-buttons answer-bar" role="group" aria-label={t('gradesLabel')}>
            {GRADE_KEYS.map((g) => {
              const name = t(g.key)
              // The API sends a language-neutral code ("10m"); the catalogue words it ("10m", "10分钟").
              const code = card.intervals[g.rating]
              const interval = parseIntervalCode(code)
              const label = interval ? t('interval', interval) : code
              return (
                // Heard as "Good, 10m"; the visible words are the same, so speech input finds the button too.
                <button key={g.rating} type="button" className={g.key} aria-label={t('gradeWithInterval', { grade: name, interval: label })} aria-keyshortcuts={String(g.rating)} onClick={() => grade(g.rating)}>
                  {name} <br />
                  <span className="interval">{label}</span>
                </button>
              )
            })}
          </div>
          <p className="kbd-hint">{t('keysAfter')} · {t('keysOps')} · {t('keysHelp')}</p>
        </>
      ) : (
        <RevealBar reveal={reveal} hint={`${t('keysBefore')} ${t('keysOps')} · ${t('keysHelp')}`} />
      )}
    </article>
  )
}

/** Whether the answer side replaces the prompt: a cloze whose answer side has text (its sentence, filled in). */
function clozeInPlace(card: StudyCard): boolean {
  return card.kind === 'cloze' && hasText(card.answerHtml)
}

/** Whether HTML shows any text (a cloze's answer side may be empty). */
export function hasText(html: string): boolean {
  return html.replace(/<[^>]+>/g, '').trim() !== ''
}
