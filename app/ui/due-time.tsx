import { useFormatter } from 'next-intl'

/** An instant in the person's time zone and interface language ("Wed, Dec 2, 04:00" / "12月2日周三 04:00"). */
export function DueTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const format = useFormatter()
  const text = format.dateTime(new Date(iso), { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  return <time dateTime={iso}>{text}</time>
}
