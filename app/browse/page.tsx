import type { Metadata } from 'next'
import Link from 'next/link'
import { randomUUID } from 'node:crypto'
import { getTranslations } from 'next-intl/server'
import { requireUser } from '@/lib/server/session'
import { requestNow } from '@/lib/server/clock'
import { pageTitle } from '@/lib/server/i18n'
import { browseData } from '@/app/page-data'
import { BROWSE_SORTS, browseSearch, MAX_QUERY_LENGTH, parseBrowseFilters, SORT_DIRECTIONS } from '@/lib/core/browse'
import { summaryOf } from '@/lib/core/browse-actions'
import { STATE_NAMES } from '@/lib/core/card-state'
import { presentCard } from '@/lib/core/present'
import { tagName, textLang, titleText } from '@/lib/core/display-language'
import { changeCards } from '@/app/actions/browse'
import { DueTime } from '@/app/ui/due-time'
import { LangText } from '@/app/ui/lang-text'
import { CardFlags, ChangeNotice, UndoForm } from './card-flags'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('browse'))('heading'))
}

/** The card browser (issue #16): every card of the deck with this person's state, filtered by a GET form. */
export default async function BrowsePage({ searchParams }: Props) {
  const params = await searchParams
  const { filters, invalid } = parseBrowseFilters(params)
  const back = `/browse${browseSearch(filters)}`
  const user = await requireUser(back)
  const now = await requestNow()
  const [{ page, settings, tags }, t, tStats] = await Promise.all([browseData(user.id, filters, now), getTranslations('browse'), getTranslations('stats')])
  const lang = settings.displayLanguage
  const { change, undone } = summaryOf(params)
  const formError = params.invalid === 'form'
  const batch = randomUUID()
  return (
    <>
      <h1>{t('heading')}</h1>
      <ChangeNotice change={change} undone={undone} />
      <UndoForm expect={change?.undo ?? null} back={back} hint />
      {formError ? <p role="alert" className="form-error">{t('formInvalid')}</p> : null}
      {params.invalid === 'none' ? <p role="alert" className="form-error">{t('noneSelected')}</p> : null}
      {invalid.length > 0 ? <p role="alert" className="form-error">{t('filtersIgnored', { fields: invalid.map((f) => t(FIELD_KEYS[f])).join(t('listSeparator')) })}</p> : null}

      <search>
        {/* Keyed by the filters: "Clear the filters" (a client-side navigation) remounts the fields with their new
            defaults, where React would keep the values the fields already had (the state filter stayed set). */}
        <form key={browseSearch(filters)} method="get" action="/browse" className="browse-filters">
          <div className="field browse-search">
            <label htmlFor="browse-q">{t('field.q')}</label>
            <input id="browse-q" name="q" type="search" defaultValue={filters.q} maxLength={MAX_QUERY_LENGTH} aria-describedby="browse-q-hint" />
            <span id="browse-q-hint" className="muted">{t('searchHint')}</span>
          </div>
          <div className="field">
            <label htmlFor="browse-section">{t('field.section')}</label>
            <select id="browse-section" name="section" defaultValue={filters.section ?? ''}>
              <option value="">{t('anySection')}</option>
              {page.sections.map((s) => {
                const title = titleText(s.titleEn, s.titleZh, lang)
                return <option key={s.key} value={s.key} lang={title.lang}>{s.id}. {title.text}</option>
              })}
            </select>
          </div>
          <div className="field">
            <label htmlFor="browse-state">{t('field.state')}</label>
            <select id="browse-state" name="state" defaultValue={filters.state ?? ''}>
              <option value="">{t('anyState')}</option>
              {STATE_NAMES.map((s) => <option key={s} value={s}>{tStats(STATE_KEYS[s])}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="browse-tag">{t('field.tag')}</label>
            <select id="browse-tag" name="tag" defaultValue={filters.tag ?? ''}>
              <option value="">{t('anyTag')}</option>
              {page.tags.map((tag) => {
                const name = tagName(tags, tag)
                const label = titleText(name.en, name.zh, lang)
                return <option key={tag} value={tag} lang={label.lang}>{label.text}</option>
              })}
            </select>
          </div>
          <fieldset className="browse-checks">
            <legend>{t('onlyLegend')}</legend>
            {(['suspended', 'buried', 'leech'] as const).map((flag) => (
              <div className="field" key={flag}>
                <label className="checkbox"><input type="checkbox" name={flag} value="1" defaultChecked={filters[flag]} /> {t(FIELD_KEYS[flag])}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="browse-sort">{t('field.sort')}</label>
            <select id="browse-sort" name="sort" defaultValue={filters.sort}>
              {BROWSE_SORTS.map((s) => <option key={s} value={s}>{t(SORT_KEYS[s])}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="browse-dir">{t('field.dir')}</label>
            <select id="browse-dir" name="dir" defaultValue={filters.dir}>
              {SORT_DIRECTIONS.map((d) => <option key={d} value={d}>{t(DIR_KEYS[d])}</option>)}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="primary">{t('apply')}</button>
            <Link href="/browse">{t('clear')}</Link>
          </div>
        </form>
      </search>

      <h2 id="browse-count">{t('count', { matching: page.matching, total: page.total })}</h2>
      {page.pages > 1 ? <p className="muted">{t('pagePosition', { page: page.page, pages: page.pages, first: page.first, last: page.first + page.cards.length - 1 })}</p> : null}
      {page.cards.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <form action={changeCards} aria-labelledby="browse-count">
          <input type="hidden" name="batch" value={batch} />
          <input type="hidden" name="back" value={back} />
          {/* The cards' links are not prefetched: 50 a page (app/ui/progress/claim-map.tsx says why). */}
          <ul className="browse-list">
            {page.cards.map((card) => {
              const titleId = `card-${card.cardId}-title`
              return (
                <li key={card.cardId} className="card-surface">
                  <input type="checkbox" name="card" value={`${card.cardId}:${card.version}`} aria-labelledby={titleId} className="browse-select" />
                  <div>
                    <Link id={titleId} href={`/browse/${encodeURIComponent(card.cardId)}`} prefetch={false} lang={textLang(lang)} className="inline-text" dangerouslySetInnerHTML={{ __html: presentCard(card, lang).promptHtml }} />
                    <p className="muted browse-meta">
                      {card.sectionId}. <LangText en={card.sectionTitleEn} zh={card.sectionTitleZh} lang={lang} /> · {tStats(STATE_KEYS[card.state])}
                      {card.due ? <> · {t('due')} <DueTime iso={card.due.toISOString()} timeZone={settings.timeZone} /></> : null}
                      {card.difficulty !== null ? <> · {t('difficultyValue', { value: card.difficulty })}</> : null}
                      {card.lapses > 0 ? <> · {t('lapsesValue', { count: card.lapses })}</> : null}{' '}
                      <CardFlags card={card} />
                    </p>
                  </div>
                </li>
              )
            })}
          </ul>
          <fieldset className="browse-bulk">
            <legend>{t('selectedLegend')}</legend>
            <div className="actions">
              <button type="submit" name="op" value="suspend">{t('action.suspend')}</button>
              <button type="submit" name="op" value="resume">{t('action.resume')}</button>
              <button type="submit" name="op" value="unbury">{t('action.unbury')}</button>
            </div>
            <details>
              <summary>{t('action.resetOpen')}</summary>
              <p>{t('resetWarning')}</p>
              <button type="submit" name="op" value="reset" className="danger">{t('action.resetConfirm')}</button>
            </details>
          </fieldset>
        </form>
      )}
      {page.pages > 1 ? (
        <nav aria-label={t('pagesLabel')} className="pager">
          {page.page > 1 ? <Link href={`/browse${browseSearch({ ...filters, page: page.page - 1 })}`} rel="prev">{t('previousPage')}</Link> : null}
          {page.page < page.pages ? <Link href={`/browse${browseSearch({ ...filters, page: page.page + 1 })}`} rel="next">{t('nextPage')}</Link> : null}
        </nav>
      ) : null}
    </>
  )
}

// Message keys written out, so that the catalogue check (tests/messages.test.ts) sees each used.
const FIELD_KEYS = {
  q: 'field.q', section: 'field.section', state: 'field.state', tag: 'field.tag', suspended: 'field.suspended', buried: 'field.buried',
  leech: 'field.leech', sort: 'field.sort', dir: 'field.dir', page: 'field.page',
} as const
const SORT_KEYS = { position: 'sort.position', due: 'sort.due', difficulty: 'sort.difficulty', lapses: 'sort.lapses' } as const
const DIR_KEYS = { asc: 'dir.asc', desc: 'dir.desc' } as const
const STATE_KEYS = { new: 'stateNew', learning: 'stateLearning', review: 'stateReview', relearning: 'stateRelearning' } as const
