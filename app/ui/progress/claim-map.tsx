import Link from 'next/link'
import { useTranslations } from 'next-intl'
import type { SectionProgress } from '@/lib/data/progress'
import { MasteryBadge, MasteryMark, useMasteryName } from '@/app/ui/mastery-badge'
import { ClaimRecallText } from '@/app/ui/recall'

/** A claim's sentence in the display language, as escaped HTML (presentText). */
export type ClaimSentence = (claimId: string) => string | null

const claimHref = (claimId: string) => `/progress/${encodeURIComponent(claimId)}`

/*
 * The map's links are not prefetched (prefetch={false}): Next fetches every link that scrolls into view, and the map
 * shows dozens at once, so a phone spent its first seconds fetching and parsing pages no one asked for (40 requests
 * on the map; the blocking time Lighthouse counted). Following a link still navigates within the app.
 */

/**
 * A section's claims as squares, one a claim: the state's mark on the state's colour, so the map reads at a glance
 * without colour. The link's name is the state and the sentence ("Learning: …"); the sentence also shows under the
 * squares while one is pointed at or focused, and the list view shows them all.
 */
export function ClaimSquares({ section, sentence }: { section: SectionProgress; sentence: ClaimSentence }) {
  const t = useTranslations('progress')
  const stateName = useMasteryName()
  return (
    <ol className="claim-squares">
      {section.claims.map((c) => {
        const html = sentence(c.claimId)
        return (
          <li key={c.claimId}>
            <Link href={claimHref(c.claimId)} prefetch={false} className={`claim-square square-${c.mastery}`}>
              <MasteryMark mastery={c.mastery} />
              <span className="claim-square-name">
                {t.rich('claimName', {
                  state: stateName(c.mastery),
                  claim: () => (html === null ? c.claimId : <span dangerouslySetInnerHTML={{ __html: html }} />),
                })}
              </span>
            </Link>
          </li>
        )
      })}
    </ol>
  )
}

/**
 * A section's claims as tiles with their full sentence, state and recall now (the list view); with `readingHref`
 * (the section has a reading), each tile also links to its claim's place in the reading.
 */
export function ClaimTiles({ section, sentence, readingHref }: { section: SectionProgress; sentence: ClaimSentence; readingHref?: (claimId: string) => string }) {
  const tReader = useTranslations('reader')
  return (
    <ol className="claim-map">
      {section.claims.map((c) => {
        const html = sentence(c.claimId)
        return (
          <li key={c.claimId} className={`claim-tile tile-${c.mastery}`}>
            <Link href={claimHref(c.claimId)} prefetch={false}>
              <MasteryBadge mastery={c.mastery} /> {html === null ? c.claimId : <span dangerouslySetInnerHTML={{ __html: html }} />}{' '}
              <span className="muted"><ClaimRecallText recall={c} /></span>
            </Link>
            {readingHref ? <Link className="tile-reading" href={readingHref(c.claimId)} prefetch={false}>{tReader('inTheReading')}</Link> : null}
          </li>
        )
      })}
    </ol>
  )
}
