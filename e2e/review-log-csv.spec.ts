/**
 * Account → the review log as the FSRS optimizer's CSV (issue #35): the link on the account page downloads the
 * person's answers — and only those: an undone answer, a bury (a manual change) and another person's answers are left
 * out — with the header and one line per answer as the full export lists them.
 */
import { createHash } from 'node:crypto'
import { test, expect, setNow, createUser } from './fixtures'

const MORNING = Date.parse('2026-03-02T14:00:00.000Z')
const at = (minutes: number) => new Date(MORNING + minutes * 60_000).toISOString()
/** The documented mapping (docs/using.md): the first 12 hex digits of the card id's SHA-256, as an integer. */
const cardNumber = (cardId: string) => parseInt(createHash('sha256').update(cardId).digest('hex').slice(0, 12), 16)

type Log = { cardId: string; kind: string; undone: boolean; rating: number; state: number; review: string; durationMs: number }

test('the account page downloads the answers as the optimizer\'s CSV, undone answers and manual changes left out', async ({ page, context, browser, user }) => {
  test.slow() // two people's answers, a download and two exports
  await setNow(context, at(0))
  await page.goto('/review')
  for (const [i, key] of ['1', '3', '4'].entries()) {
    await setNow(context, at(i))
    await page.keyboard.press('Space')
    await page.keyboard.press(key)
    await expect(page.getByText('All answers saved')).toBeVisible()
  }
  await setNow(context, at(3))
  await page.keyboard.press('z') // the Easy is undone
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible()
  await setNow(context, at(4))
  await page.keyboard.press('-') // a bury: a manual change
  await expect(page.getByRole('status').filter({ hasText: 'Buried until the next study day' })).toBeVisible()
  // Someone else's answer, the same morning.
  const other = await createUser()
  const otherContext = await browser.newContext()
  await otherContext.addCookies([{ name: 'better-auth.session_token', value: other.cookie, domain: '127.0.0.1', path: '/' }])
  const otherPage = await otherContext.newPage()
  await otherPage.goto('/review')
  await otherPage.keyboard.press('Space')
  await otherPage.keyboard.press('2')
  await expect(otherPage.getByText('All answers saved')).toBeVisible()
  await otherContext.close()

  await page.goto('/account')
  const link = page.getByRole('link', { name: 'Download your answers for the FSRS optimizer' })
  await expect(link).toHaveAttribute('href', '/api/export/review-log')
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  const csv = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  })

  const logs = ((await (await page.request.get('/api/export')).json()).reviewLogs as Log[])
  const answers = logs.filter((l) => l.kind === 'review' && !l.undone)
  expect(answers).toHaveLength(2)
  expect(csv).not.toContain(user.id)
  expect(logs.some((l) => l.undone) && logs.some((l) => l.kind === 'bury')).toBe(true) // both were there to leave out
  const lines = csv.trimEnd().split('\n')
  expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration')
  expect(lines.slice(1)).toEqual(answers.map((a) => `${cardNumber(a.cardId)},${Date.parse(a.review)},${a.rating},${a.state},${a.durationMs}`))
  expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(['1', '3'])
  expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['0', '0']) // new cards: the state before the answer

  // The route takes no parameters: another person's id is refused, not read.
  const refused = await page.request.get(`/api/export/review-log?userId=${other.id}`)
  expect(refused.status()).toBe(422)
  expect(await refused.text()).not.toContain(other.id)
})
