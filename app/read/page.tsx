import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { currentUser } from '@/lib/server/session'
import { pageTitle } from '@/lib/server/i18n'
import { readerLanguage } from '@/lib/server/display-language'
import { reading } from '@/lib/data/reading'
import { readingHref, sectionReadingHref } from '@/lib/core/reading'
import { LangText } from '@/app/ui/lang-text'

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations('reader'))('heading'))
}

/** The reading's sections, and where this person was (issue #38). */
export default async function ReadPage() {
  const user = await currentUser()
  const [sections, lang, t, place] = await Promise.all([reading.sections(), readerLanguage(user?.id), getTranslations('reader'), user ? reading.continueAt(user.id) : null])
  return (
    <>
      <h1>{t('heading')}</h1>
      <p className="lead">{t('lead')}</p>
      {place?.started && place.next ? <p><Link className="button primary" href={readingHref(place.next)}>{t('continueReading')}</Link></p> : null}
      {sections.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ol className="reading-sections">
          {sections.map((s) => (
            <li key={`${s.deckId}/${s.sectionId}`}>
              {/* Not prefetched: a link a section (app/ui/progress/claim-map.tsx says why). */}
              <Link href={sectionReadingHref(s.deckId, s.sectionId)} prefetch={false}>
                {s.sectionId}. <LangText en={s.titleEn} zh={s.titleZh} lang={lang} />
              </Link>{' '}
              <span className="muted">{t('passages', { count: s.passages.length })}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
