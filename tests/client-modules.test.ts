/**
 * What the browser is sent: the modules of each 'use client' file, followed through the project's imports. They
 * carry no zod (about 95 KB compressed, and its probe for eval is a CSP violation on the page), and they translate
 * only with the namespaces i18n/client-namespaces.ts lists, which are all each page's payload carries.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CLIENT_NAMESPACES, PAGE_NAMESPACES } from '@/i18n/client-namespaces'
import { sourceFiles } from './source-files'

const byFile = new Map(['app', 'lib', 'i18n'].flatMap(sourceFiles).map((file) => [path.resolve(file), readFileSync(file, 'utf8')]))

/** The module an import names, when it is one of ours ('@/…' or relative). */
function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? path.resolve(spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : undefined
  return base === undefined ? undefined : [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => byFile.has(f))
}

/** Value imports only: `import type` is erased and sends nothing. */
const importsOf = (text: string) => [...text.matchAll(/^(?:import|export) (?!type )[^'"]*?from ['"]([^'"]+)['"]|^import ['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2])!)

const client = new Set<string>()
function visit(file: string) {
  // A server action's module stays on the server: the browser gets a reference to call.
  if (client.has(file) || /^['"]use server['"]/.test(byFile.get(file)!)) return
  client.add(file)
  for (const spec of importsOf(byFile.get(file)!)) {
    const next = resolve(file, spec)
    if (next) visit(next)
  }
}
for (const [file, text] of byFile) if (/^['"]use client['"]/.test(text)) visit(file)
const name = (file: string) => path.relative(process.cwd(), file)

describe("the browser's modules", () => {
  it('are found: every client component and what it imports', () => {
    expect(client.size).toBeGreaterThan(15)
    expect([...client].map(name)).toEqual(expect.arrayContaining(['app/review/review-session.tsx', 'lib/core/queue.ts', 'lib/core/card-state.ts', 'lib/core/form-limits.ts']))
  })

  it('leave zod on the server', () => {
    expect([...client].filter((file) => importsOf(byFile.get(file)!).some((spec) => spec === 'zod' || spec.endsWith('/zod'))).map(name)).toEqual([])
  })

  it('leave the catalogues on the server: only the error page’s words are imported (messages/error.json)', () => {
    const catalogue = (spec: string) => /(^|\/)messages\/(?!error\.json$)[^/]+\.json$/.test(spec) || /(^|\/)i18n\/(catalogues|request)$/.test(spec)
    expect([...client].filter((file) => importsOf(byFile.get(file)!).some(catalogue)).map(name)).toEqual([])
  })

  it('translate only with the namespaces sent to the browser, and each of those is used', () => {
    // A namespace must be named for this check to see it: useTranslations() or useMessages() would take everything.
    expect([...client].filter((file) => /useTranslations\(\s*\)|useMessages\(/.test(byFile.get(file)!)).map(name)).toEqual([])
    const used = new Set([...client].flatMap((file) => [...byFile.get(file)!.matchAll(/useTranslations\(['"]([A-Za-z]+)/g)].map((m) => m[1]!)))
    expect([...used].filter((ns) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns)), 'used in the browser, missing from i18n/client-namespaces.ts').toEqual([])
    expect(CLIENT_NAMESPACES.filter((ns) => !used.has(ns)), 'listed in i18n/client-namespaces.ts, used by no client module').toEqual([])
  })

  it('that translate with a namespace the layout does not send sit inside a page’s ClientMessages that sends it', () => {
    // Every way up the imports from a module using the namespace must reach a file that wraps it in
    // <ClientMessages namespaces={[…'ns'…]}>; a page that imports such a form without that would show keys, not words.
    // By file, not by place: a page that wraps one component with the namespace passes for every component it
    // renders (the account page's restore form once sat outside its wrapper; e2e chinese-interface found it).
    const importers = (file: string) => [...byFile.keys()].filter((other) => importsOf(byFile.get(other)!).some((spec) => resolve(other, spec) === file))
    const covered = (file: string, ns: string, seen: Set<string>): boolean => {
      if (new RegExp(`<ClientMessages namespaces=\\{\\[[^\\]]*'${ns}'`).test(byFile.get(file)!)) return true
      if (seen.has(file)) return true
      seen.add(file)
      const up = importers(file)
      return up.length > 0 && up.every((f) => covered(f, ns, seen))
    }
    const uncovered = PAGE_NAMESPACES.flatMap((ns) =>
      [...client].filter((file) => new RegExp(`useTranslations\\(['"]${ns}['".]`).test(byFile.get(file)!) && !covered(file, ns, new Set())).map((file) => `${name(file)} (${ns})`),
    )
    expect(uncovered).toEqual([])
    // The positive control: the talk form is found, and counted as covered only through its pages' wrappers.
    const talkForm = [...client].find((file) => name(file) === 'app/talks/talk-form.tsx')!
    expect(covered(talkForm, 'talks', new Set())).toBe(true)
    expect(covered(talkForm, 'fsrs', new Set())).toBe(false)
    // A namespace's part (useTranslations('account.restore')) counts as the namespace: the restore form is found.
    expect([...client].filter((file) => /useTranslations\(['"]account['".]/.test(byFile.get(file)!)).map(name)).toContain('app/account/restore-from-file.tsx')
  })
})
