/**
 * The message catalogues: both languages have the same keys with the same placeholders and tags, every key is used
 * somewhere in the code, and every key the code names as data (zod messages, "errors.…") exists.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { catalogues } from '@/i18n/catalogues'
import { sourceFiles } from './source-files'
import { catalogueMessages } from './catalogue-messages'

/** A message's argument and tag names ("arg:count", "tag:link"), sorted: what the code must pass. */
function slots(message: string): string[] {
  const found = new Set<string>()
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(`arg:${el.value}`)
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`arg:${el.value}`)
        for (const option of Object.values(el.options)) walk(option.value)
      }
      if (el.type === TYPE.tag) {
        found.add(`tag:${el.value}`)
        walk(el.children)
      }
    }
  }
  walk(parse(message))
  return [...found].sort()
}

const SOURCE_DIRS = ['app', 'lib', 'i18n']
const sources = SOURCE_DIRS.flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(file, 'utf8') }))

const quoted = (s: string) => new RegExp(`['"\`]${s.replace(/\./g, '\\.')}['"\`]`)

/**
 * Whether the code uses a key: its full name in quotes ('errors.emailMissing'), or a file that takes the key's
 * namespace (useTranslations('review') / getTranslations('review')) and names the rest in quotes ('again').
 */
function isUsed(key: string): boolean {
  const parts = key.split('.')
  return sources.some(({ text }) => {
    if (quoted(key).test(text)) return true
    for (let i = 1; i < parts.length; i++) {
      const namespace = parts.slice(0, i).join('.')
      const rest = parts.slice(i).join('.')
      if (new RegExp(`(use|get)Translations\\((\\{[^)]*namespace: )?['"]${namespace.replace(/\./g, '\\.')}['"]`).test(text) && quoted(rest).test(text)) return true
    }
    return false
  })
}

const { en, zh } = catalogues
const english = catalogueMessages(en)
const chinese = catalogueMessages(zh)

describe('message catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect([...english.keys()].filter((k) => !chinese.has(k)), 'missing from messages/zh.json').toEqual([])
    expect([...chinese.keys()].filter((k) => !english.has(k)), 'missing from messages/en.json').toEqual([])
  })

  it('give each message the same placeholders and tags in both languages, and no empty message', () => {
    const differ = [...english].filter(([key, message]) => chinese.has(key) && slots(message).join() !== slots(chinese.get(key)!).join())
    expect(differ.map(([key]) => key)).toEqual([])
    expect([...english, ...chinese].filter(([, m]) => !m.trim()).map(([key]) => key)).toEqual([])
  })

  it('have no key that the code never uses', () => {
    expect([...english.keys()].filter((key) => !isUsed(key))).toEqual([])
  })

  it('have every key that the code names as data (zod messages, keys chosen by an action)', () => {
    const namespaces = Object.keys(en).join('|')
    const named = new Set<string>()
    for (const { text } of sources) for (const m of text.matchAll(new RegExp(`['"\`]((?:${namespaces})\\.[A-Za-z.]+)['"\`]`, 'g'))) named.add(m[1]!)
    expect(named.size).toBeGreaterThan(10)
    // A nested namespace (useTranslations('account.restore')) is named too: it must hold keys.
    const isNamespace = (name: string) => [...english.keys()].some((k) => k.startsWith(`${name}.`))
    expect([...named].filter((key) => !english.has(key) && !isNamespace(key))).toEqual([])
  })
})
