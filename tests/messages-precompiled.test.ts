/**
 * The app formats its messages precompiled (next.config.js: next-intl's `experimental.messages.precompile`): the
 * build turns each ICU message into icu-minify's compact form, and the pages format it without an ICU parser (none
 * is sent to the browser). This checks that every message of both catalogues reads the same that way as through
 * the full ICU formatter, with every value it names given: each plural and select branch, and whatever numbers
 * (skeletons, percent), dates and tags the catalogues hold.
 */
import { describe, expect, it } from 'vitest'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import compile from 'icu-minify/compile'
import { _createCache, _createIntlFormatters, type RichTranslationValues } from 'use-intl/core'
import formatFull from 'use-intl/format-message'
import formatPrecompiled from 'use-intl/format-message/format-only'
import { catalogues } from '@/i18n/catalogues'
import { catalogueMessages } from './catalogue-messages'

type Values = RichTranslationValues

/** The values that take a message down each of its branches: one set per plural count and select option tried. */
function valueSets(message: string): Values[] {
  const sets: Values[] = [{}]
  const widen = (name: string, choices: Values[string][]) => {
    const before = sets.splice(0)
    for (const set of before) for (const choice of choices) sets.push(name in set ? set : { ...set, [name]: choice })
  }
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) widen(el.value, ['Ada'])
      if (el.type === TYPE.number) widen(el.value, [0.4567, 12345.678])
      if (el.type === TYPE.date || el.type === TYPE.time) widen(el.value, [new Date('2026-03-08T06:59:00Z')])
      if (el.type === TYPE.plural) widen(el.value, [0, 1, 2, 5, 21, 1.5])
      if (el.type === TYPE.select) widen(el.value, Object.keys(el.options))
      if (el.type === TYPE.tag) widen(el.value, [(chunks) => `<${el.value}>${(chunks as unknown[]).join('')}</${el.value}>`])
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value)
      if (el.type === TYPE.tag) walk(el.children)
    }
  }
  walk(parse(message))
  return sets
}

const config = (locale: string) => ({ locale, timeZone: 'Asia/Shanghai', cache: _createCache(), formatters: _createIntlFormatters(_createCache()), formats: undefined, globalFormats: undefined })
const asText = (out: unknown) => (Array.isArray(out) ? out.join('') : String(out))

describe('precompiled messages', () => {
  for (const [language, catalogue] of Object.entries(catalogues)) {
    const messages = [...catalogueMessages(catalogue)]
    it(`read as the full ICU formatter reads them (${language}, every message and branch)`, () => {
      // Positive control: the catalogue is there, with messages of every kind.
      expect(messages.length).toBeGreaterThan(300)
      let compared = 0
      const differ: string[] = []
      for (const [key, message] of messages) {
        const compiled = compile(message)
        for (const values of valueSets(message)) {
          const full = asText(formatFull(key, message, values, config(language)))
          const pre = asText(formatPrecompiled(key, compiled as never, values, config(language) as never))
          compared++
          if (full !== pre) differ.push(`${key} ${JSON.stringify(values)}:\n  full: ${full}\n  pre:  ${pre}`)
        }
      }
      expect(compared).toBeGreaterThan(messages.length)
      expect(differ).toEqual([])
    })
  }

  it('leave a plain string every message that code reads as one (the error page, the Anki export\'s labels)', () => {
    // app/global-error.tsx shows messages/error.json's words as they are; lib/server/anki-export.ts puts
    // claim.label and claim.why in the exported notes. The build hands them over compiled.
    const read = [...catalogueMessages(catalogues.en), ...catalogueMessages(catalogues.zh)].filter(([key]) => /^(error\.|claim\.(label|why)$)/.test(key))
    expect(read.length).toBe(10)
    expect(read.filter(([, message]) => typeof compile(message) !== 'string').map(([key]) => key)).toEqual([])
  })
})
