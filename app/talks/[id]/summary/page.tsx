import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { pageTitle } from '@/lib/server/i18n'
import { LangText } from '@/app/ui/lang-text'
import { ownTalk } from '../../view'
import { ClaimRecallText, percent } from '@/app/ui/recall'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('talks'))('summaryHeading'))
}

/**
 * The talk's summary to read before going on stage, and to print: one line per claim in scope, in the display
 * language, by section, the weak ones (below the target on the day if nothing more is done) marked in words and by
 * a sign, so the mark survives printing in black and white, with the claim's recall now as the map gives it. The print stylesheet (app/globals.css) hides the rest.
 */
export default async function TalkSummaryPage({ params }: Props) {
  const { id } = await params
  const view = await ownTalk(id, `/talks/${encodeURIComponent(id)}/summary`)
  const t = await getTranslations('talks')
  const weak = view.sections.flatMap((s) => s.claims).filter((c) => c.weak).length
  return (
    <article className="talk-summary">
      <h1>{t('summaryTitle', { title: view.talk.title })}</h1>
      <p>
        <time dateTime={view.talk.date}>{view.talk.date}</time> · {t('summaryWeak', { count: weak, target: percent(view.target) })}
      </p>
      <p className="no-print">
        <Link href={`/talks/${view.talk.id}`}>{t('backToTalk')}</Link> · {t('printHint')}
      </p>
      {view.sections.map((s) => (
        <section key={`${s.deckId}/${s.sectionId}`} aria-labelledby={`summary-section-${s.sectionId}`}>
          <h2 id={`summary-section-${s.sectionId}`}>
            {s.sectionId}. <LangText en={s.title.en} zh={s.title.zh} lang={view.language} />
          </h2>
          <ul className="summary-lines">
            {s.claims.map((c) =>
              c.weak ? (
                <li key={c.claimId} className="weak-line">
                  <strong className="weak-mark">{t.rich('weakMark', { recall: () => <ClaimRecallText recall={c.now} /> })}</strong> <span dangerouslySetInnerHTML={{ __html: c.claimHtml }} />
                </li>
              ) : (
                <li key={c.claimId}>
                  <span dangerouslySetInnerHTML={{ __html: c.claimHtml }} />
                </li>
              ),
            )}
          </ul>
        </section>
      ))}
    </article>
  )
}
