/**
 * A passage of the reading in one language: its paragraphs, each marker a small link to its claim's page (the claim's
 * number in the section, named by the claim's text). `anchors`: this column carries the claims' anchors (the place
 * the interview map and the claim's page link to); in "both", only the first column does, so ids stay unique.
 */
import Link from 'next/link'
import { Fragment } from 'react'
import { paragraphsOf, readingSegments } from '@/lib/core/reading-text'
import { claimAnchor } from '@/lib/core/reading'
import { htmlLang } from '@/lib/core/display-language'

export type MarkerClaim = { number: number; text: string }

export function PassageText({ text, lang, claims, anchors, markerLabel }: {
  text: string
  lang: 'en' | 'zh'
  /** Each claim of the section by id: its number and its text in this column's language. */
  claims: ReadonlyMap<string, MarkerClaim>
  anchors: boolean
  markerLabel: (claim: MarkerClaim) => string
}) {
  return (
    <div lang={htmlLang(lang)} className="passage-text">
      {paragraphsOf(text).map((paragraph, i) => (
        <p key={i}>
          {readingSegments(paragraph).map((segment, j) => {
            if (segment.kind === 'text') return <Fragment key={j}>{segment.text}</Fragment>
            const claim = claims.get(segment.claimId)
            if (!claim) return null // a claim retired since the reading was written: its marker goes with it
            return (
              // Not prefetched: a reading holds dozens of markers (app/ui/progress/claim-map.tsx says why).
              <sup key={j} className="claim-marker" id={anchors ? claimAnchor(segment.claimId) : undefined}>
                <Link href={`/progress/${segment.claimId}`} prefetch={false} aria-label={markerLabel(claim)} title={claim.text}>
                  {claim.number}
                </Link>
              </sup>
            )
          })}
        </p>
      ))}
    </div>
  )
}
