import { useTranslations } from 'next-intl'
import type { ClaimRecall } from '@/lib/core/mastery'

/**
 * A recall as every page shows it: a percentage rounded down to a tenth, so 89.96% never reads as a 90% target
 * (the epsilon keeps 0.29 from reading 28.9% through binary rounding).
 */
export const percent = (r: number) => `${Math.floor(r * 1000 + 1e-6) / 10}%`

/**
 * A card's recall now: its percentage, or "not studied" for a card never reviewed (lib/core/recall.ts gives it no
 * figure: neither 0% nor 100%). The claim's page and the card's page both show it.
 */
export function CardRecallText({ retrievability }: { retrievability: number | null | undefined }) {
  const t = useTranslations('recall')
  return <>{retrievability != null ? percent(retrievability) : t('notStudied')}</>
}

/**
 * A claim's recall now by the one rule (lib/core/mastery.ts, claimRecall): "recall now 98.3%", with "1 of 3 not
 * studied" beside it, or "not studied" when none of its cards is; nothing for a claim without a counted card.
 * The map, the claim's page, a talk and its summary all show it, so they give the same figure.
 */
export function ClaimRecallText({ recall }: { recall: ClaimRecall }) {
  const t = useTranslations('recall')
  if (recall.cardsCounted === 0) return null
  const notStudied = recall.cardsCounted - recall.cardsSeen
  if (recall.weakestRetrievability === null) return <span className="claim-recall">{t('notStudied')}</span>
  return (
    <span className="claim-recall">
      {t('now', { percent: percent(recall.weakestRetrievability) })}
      {notStudied > 0 ? <> · {t('someNotStudied', { count: notStudied, total: recall.cardsCounted })}</> : null}
    </span>
  )
}
