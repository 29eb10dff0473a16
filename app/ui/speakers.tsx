import { useFormatter } from 'next-intl'

/** A deck's speakers as the interface lists them ("A and B" / "A和B"); the names are the deck's, in English. */
export function Speakers({ names }: { names: string[] }) {
  const format = useFormatter()
  return <>{format.list(names.map((name) => <span key={name} lang="en">{name}</span>))}</>
}
