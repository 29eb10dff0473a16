/** Every message of a catalogue by its full key ("review.again" → its ICU text), for the catalogue tests. */
type Catalogue = { [key: string]: string | Catalogue }

export function catalogueMessages(catalogue: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(catalogue as Catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(full, value)
    else for (const [k, v] of catalogueMessages(value, full)) out.set(k, v)
  }
  return out
}
