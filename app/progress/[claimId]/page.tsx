import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { pageTitle } from '@/lib/server/i18n'
import { claimData } from '@/app/page-data'
import { presentCard, presentText } from '@/lib/core/present'
import { renderCloze } from '@/lib/core/cloze'
import { stateName } from '@/lib/core/card-state'
import { claimReadingHref } from '@/lib/core/reading'
import { LangText } from '@/app/ui/lang-text'
import { DueTime } from '@/app/ui/due-time'
import { MasteryBadge } from '@/app/ui/mastery-badge'
import { CardRecallText, ClaimRecallText } from '@/app/ui/recall'

/** A table that scrolls sideways on a narrow screen (a focusable region, so the keyboard can scroll it too). */
function ScrollTable({ label, columns, children }: { label: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}

type Props = { params: Promise<{ claimId: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('progress'))('heading'))
}

const GRADE_KEYS = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const
const STATE_KEYS = { new: 'stateNew', learning: 'stateLearning', review: 'stateReview', relearning: 'stateRelearning' } as const

/** One claim: its mastery, each card's state and next review, and its latest answers. */
export default async function ClaimProgressPage({ params }: Props) {
  const { claimId } = await params
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(claimId)) notFound()
  const user = await requireUser(`/progress/${claimId}`)
  const now = await requestNow()
  const [{ texts, detail, settings }, t, tStats, tReview, tReader, format] = await Promise.all([
    claimData(user.id, claimId, now),
    getTranslations('claimProgress'),
    getTranslations('stats'),
    getTranslations('review'),
    getTranslations('reader'),
    getFormatter(),
  ])
  if (!texts || !detail) notFound()
  const { claim, history, answers } = detail
  const lang = settings.displayLanguage
  const cardNumber = new Map(texts.cards.map((c, i) => [c.id, i + 1]))
  const cardState = (state: number | undefined) => tStats(STATE_KEYS[stateName(state ?? 0)])
  return (
    <>
      <p><Link href="/progress">{t('back')}</Link></p>
      <p className="muted">
        <Link href={`/sections/${texts.sectionId}?deck=${encodeURIComponent(texts.deckId)}`}>
          {texts.sectionId}. <LangText en={texts.section.titleEn} zh={texts.section.titleZh} lang={lang} />
        </Link>
      </p>
      <h1 dangerouslySetInnerHTML={{ __html: presentText(texts.textEn, texts.textZh, lang) }} />
      {texts.section.reading ? <p><Link href={claimReadingHref(texts.deckId, texts.sectionId, texts.id)}>{tReader('inTheReading')}</Link></p> : null}
      <p>
        {t.rich('stateLine', { state: () => <MasteryBadge mastery={claim.mastery} /> })}
        {claim.cardsCounted > 0 ? <> · <ClaimRecallText recall={claim} /></> : null}
      </p>
      {claim.learnedAt ? (
        <p>{t('learnedSince', { date: format.dateTime(claim.learnedAt, { timeZone: settings.timeZone, year: 'numeric', month: 'short', day: 'numeric' }) })}</p>
      ) : null}

      <h2>{t('cardsHeading')}</h2>
      <ScrollTable label={t('cardsHeading')} columns={[t('card'), t('cardState'), t('nextDue'), t('stability'), t('recall')]}>
            {texts.cards.map((card) => {
              const progressOf = claim.cards.find((c) => c.cardId === card.id)
              const state = progressOf?.state ?? null
              const seen = state !== null && state.state !== 0
              const html = card.kind === 'cloze' ? renderCloze(lang === 'zh' ? card.frontZh : card.frontEn, card.ordinal).backHtml : presentCard(card, lang).promptHtml
              return (
                <tr key={card.id}>
                  <th scope="row">
                    {t('cardNumber', { number: cardNumber.get(card.id)! })}: <span lang={lang === 'zh' ? 'zh-Hans' : 'en'} dangerouslySetInnerHTML={{ __html: html }} />
                  </th>
                  <td>{seen ? cardState(state.state) : t('notSeen')}</td>
                  <td>{seen ? <DueTime iso={state.due.toISOString()} timeZone={settings.timeZone} /> : '—'}</td>
                  <td>{seen ? t('stabilityDays', { days: state.stability }) : '—'}</td>
                  <td><CardRecallText retrievability={progressOf?.retrievability} /></td>
                </tr>
              )
            })}
      </ScrollTable>

      <h2>{t('historyHeading')}</h2>
      {history.length === 0 ? (
        <p>{t('noHistory')}</p>
      ) : (
        <>
          <p className="muted">{t('historyCount', { shown: history.length, count: answers })}</p>
          <ScrollTable label={t('historyHeading')} columns={[t('when'), t('card'), t('answer'), t('before'), t('timeTaken')]}>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td><DueTime iso={h.review.toISOString()} timeZone={settings.timeZone} /></td>
                    <td>{cardNumber.has(h.cardId) ? t('cardNumber', { number: cardNumber.get(h.cardId)! }) : '—'}</td>
                    <td>{tReview(GRADE_KEYS[h.rating as 1 | 2 | 3 | 4] ?? 'again')}</td>
                    <td>{cardState(h.state)}</td>
                    <td>{t('seconds', { seconds: h.durationMs / 1000 })}</td>
                  </tr>
                ))}
          </ScrollTable>
        </>
      )}
    </>
  )
}
