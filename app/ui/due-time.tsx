/** An instant shown in the user's time zone, with a machine-readable datetime. */
export function DueTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
  return <time dateTime={iso}>{text}</time>
}
