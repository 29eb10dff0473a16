import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { pageTitle } from '@/lib/server/i18n'
import { cardData } from '@/app/page-data'
import { summaryOf } from '@/lib/core/browse-actions'
import { presentCard, presentText } from '@/lib/core/present'
import { tagName, textLang } from '@/lib/core/display-language'
import { changeCards } from '@/app/actions/browse'
import { DueTime } from '@/app/ui/due-time'
import { LangText } from '@/app/ui/lang-text'
import { CardRecallText } from '@/app/ui/recall'
import { CardFlags, ChangeNotice, UndoForm } from '../card-flags'

type Props = { params: Promise<{ cardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('browse'))('cardHeading'))
}

const STATE_KEYS = { new: 'stateNew', learning: 'stateLearning', review: 'stateReview', relearning: 'stateRelearning' } as const
const GRADE_KEYS = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const
// Message keys written out, so that the catalogue check (tests/messages.test.ts) sees each used.
const KIND_KEYS: Record<string, 'kind.review' | 'kind.quiz' | 'kind.bury' | 'kind.unbury' | 'kind.suspend' | 'kind.resume' | 'kind.reset'> = {
  review: 'kind.review', quiz: 'kind.quiz', bury: 'kind.bury', unbury: 'kind.unbury', suspend: 'kind.suspend', resume: 'kind.resume', reset: 'kind.reset',
}

/** One card's info (issue #16): its state, retrievability now, its history, and the browser's actions on it. */
export default async function CardInfoPage({ params, searchParams }: Props) {
  const [{ cardId: raw }, query] = await Promise.all([params, searchParams])
  const cardId = decodeURIComponent(raw)
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(cardId)) notFound()
  const here = `/browse/${encodeURIComponent(cardId)}`
  const user = await requireUser(here)
  const now = await requestNow()
  const [{ info, settings, tags }, t, tStats, tReview] = await Promise.all([
    cardData(user.id, cardId, now),
    getTranslations('browse'),
    getTranslations('stats'),
    getTranslations('review'),
  ])
  if (!info) notFound()
  const { card, history } = info
  const lang = settings.displayLanguage
  const { promptHtml, answerHtml } = presentCard(card, lang)
  const cardLang = textLang(lang)
  const { change, undone } = summaryOf(query)
  const seen = card.stored !== null && card.state !== 'new'
  const ref = `${card.cardId}:${card.version}`
  const tz = settings.timeZone
  return (
    <>
      <p><Link href="/browse">{t('backToBrowser')}</Link></p>
      <h1>{t('cardHeading')}</h1>
      <ChangeNotice change={change} undone={undone} />
      <UndoForm expect={change?.undo ?? null} back={here} />

      <section className="card-surface" aria-labelledby="card-sides">
        <h2 id="card-sides" className="sr-only">{t('sidesHeading')}</h2>
        <div lang={cardLang} dangerouslySetInnerHTML={{ __html: promptHtml }} />
        <hr />
        <div lang={cardLang} dangerouslySetInnerHTML={{ __html: answerHtml }} />
      </section>
      {/* A div, not a p: the claim's text comes as <div lang> blocks, which the HTML parser would not leave inside a
          <p> (it closes the p), so the page the browser built differed from React's and React threw it away and
          rendered it again in the browser (hydration error #418, and the blocking time of a second render). */}
      <div className="paragraph">
        <strong>{t('claim')}</strong>{' '}
        <Link href={`/sections/${card.sectionId}?deck=${encodeURIComponent(card.deckId)}#${encodeURIComponent(card.claimId)}`} className="inline-text" dangerouslySetInnerHTML={{ __html: presentText(card.claimTextEn, card.claimTextZh, lang) }} />
      </div>
      <p className="muted">
        <Link href={`/sections/${card.sectionId}?deck=${encodeURIComponent(card.deckId)}`}>{card.sectionId}. <LangText en={card.sectionTitleEn} zh={card.sectionTitleZh} lang={lang} /></Link>
        {' · '}<Link href={`/progress/${encodeURIComponent(card.claimId)}`}>{t('claimProgress')}</Link>
        {' · '}{card.tags.map((tag) => <Link key={tag} href={`/browse?tag=${encodeURIComponent(tag)}`} className="tag"><LangText {...tagName(tags, tag)} lang={lang} /></Link>)}
      </p>

      <h2>{t('stateHeading')}</h2>
      <dl className="card-info">
        <dt>{t('field.state')}</dt><dd>{tStats(STATE_KEYS[card.state])} <CardFlags card={card} /></dd>
        <dt>{t('due')}</dt><dd>{seen ? <DueTime iso={card.stored!.due.toISOString()} timeZone={tz} /> : t('notSeen')}</dd>
        <dt>{t('stability')}</dt><dd>{seen ? t('stabilityDays', { days: card.stored!.stability }) : '—'}</dd>
        <dt>{t('difficulty')}</dt><dd>{seen ? t('difficultyOf', { value: card.stored!.difficulty }) : '—'}</dd>
        <dt>{t('retrievability')}</dt><dd><CardRecallText retrievability={info.retrievability} /></dd>
        <dt>{t('reps')}</dt><dd>{card.stored?.reps ?? 0}</dd>
        <dt>{t('lapses')}</dt><dd>{card.lapses}</dd>
      </dl>

      <h2>{t('actionsHeading')}</h2>
      <form action={changeCards}>
        <input type="hidden" name="batch" value={randomUUID()} />
        <input type="hidden" name="back" value={here} />
        <input type="hidden" name="card" value={ref} />
        <div className="actions">
          {card.suspended ? <button type="submit" name="op" value="resume">{t('action.resume')}</button> : <button type="submit" name="op" value="suspend">{t('action.suspend')}</button>}
          {card.buried ? <button type="submit" name="op" value="unbury">{t('action.unbury')}</button> : !card.suspended ? <button type="submit" name="op" value="bury">{t('action.bury')}</button> : null}
        </div>
        {card.stored ? (
          <details>
            <summary>{t('action.resetOpen')}</summary>
            <p>{t('resetWarning')}</p>
            <button type="submit" name="op" value="reset" className="danger">{t('action.resetConfirmOne')}</button>
          </details>
        ) : null}
      </form>

      <h2>{t('historyHeading')}</h2>
      {history.length === 0 ? (
        <p>{t('noHistory')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('historyHeading')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('kindColumn')}</th>
                <th scope="col">{t('answerColumn')}</th>
                <th scope="col">{t('stateBefore')}</th>
                <th scope="col">{t('interval')}</th>
                <th scope="col">{t('timeTaken')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id} className={h.undone ? 'undone' : undefined}>
                  <td><DueTime iso={h.review.toISOString()} timeZone={tz} /></td>
                  <td>{t(KIND_KEYS[h.kind] ?? 'kind.review')}{h.undone ? <> · <strong>{t('undoneMark')}</strong></> : null}</td>
                  <td>{h.rating >= 1 && h.rating <= 4 ? tReview(GRADE_KEYS[h.rating as 1 | 2 | 3 | 4]) : '—'}</td>
                  <td>{tStats(STATE_KEYS[h.stateBefore])}</td>
                  <td>{h.interval ? tReview('interval', { unit: h.interval.unit, value: h.interval.value }) : '—'}</td>
                  <td>{h.rating > 0 ? t('seconds', { seconds: h.durationMs / 1000 }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
