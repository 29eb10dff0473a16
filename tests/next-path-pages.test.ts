/** safeNext's list of page sections is the app's: every top-level folder of app/ with a page in it (at any depth), and the home page. */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { PAGE_SECTIONS } from '../lib/core/next-path'

const hasPage = (dir: string): boolean =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((file) => path.basename(file) === 'page.tsx')

it('lists exactly the sections app/ has pages in', () => {
  const app = path.join(process.cwd(), 'app')
  const sections = readdirSync(app, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && hasPage(path.join(app, entry.name)))
    .map((entry) => entry.name)
  expect([...PAGE_SECTIONS].sort()).toEqual(['', ...sections].sort())
})
