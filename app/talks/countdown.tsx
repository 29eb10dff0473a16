import { getTranslations } from 'next-intl/server'

/** "in 12 days", "today", "3 days ago": calendar days between today and a talk's date (TalkView.daysLeft). */
export async function Countdown({ daysLeft }: { daysLeft: number }) {
  const t = await getTranslations('talks')
  if (daysLeft === 0) return <>{t('countdownToday')}</>
  return <>{daysLeft > 0 ? t('countdownAhead', { count: daysLeft }) : t('countdownPast', { count: -daysLeft })}</>
}
