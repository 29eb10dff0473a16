/**
 * A reproducible random sample of a deck's live cards, for the card reviews issue #29 asks for: state the seed, then
 * draw. mulberry32 seeded with the number, then a Fisher–Yates shuffle from the end over the card ids in deck order
 * (each cloze ordinal its own card); the sample is the shuffle's first `count`. Pure: the same ids and seed always
 * give the same draw, so anyone can check a review's sample (`npm run deck:sample -- --seed N`).
 */

/** mulberry32: a small 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function sampleIds(ids: readonly string[], seed: number, count: number): string[] {
  const random = mulberry32(seed)
  const shuffled = ids.slice()
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  return shuffled.slice(0, count)
}
