/**
 * Contrast that axe does not measure (WCAG 1.4.11, non-text contrast): the edge of inputs, selects and buttons, and
 * the focus ring, against what they sit on, in the light and the dark scheme, computed from app/globals.css itself.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(path.join(__dirname, '..', 'app', 'globals.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')

/** The custom properties declared in a block's body. */
function variables(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]))
}

const light = variables(/(?:^|\n):root\s*\{([^}]*)\}/.exec(css)![1]!)
const dark = { ...light, ...variables(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)![1]!) }

/** The custom property a rule's declaration takes its colour from, e.g. `border` of `.field input` → --control-border. */
function colourVariable(selector: string, property: string): string {
  for (const rule of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = rule[1]!.split(',').map((s) => s.trim())
    if (!selectors.includes(selector)) continue
    const declaration = new RegExp(`(?:^|;)\\s*${property}\\s*:([^;]+)`).exec(rule[2]!)
    const name = declaration && /var\((--[\w-]+)\)/.exec(declaration[1]!)?.[1]
    if (name) return name
  }
  throw new Error(`no rule for ${selector} sets ${property} from a variable`)
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`)
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

/** WCAG's contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('contrast ratio', () => {
  it('is WCAG’s', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrast('#d9d6cf', '#fbfaf7')).toBeCloseTo(1.39, 2) // the input border before issue #21
  })
})

for (const [scheme, vars] of [['light', light], ['dark', dark]] as const) {
  describe(`the ${scheme} scheme`, () => {
    const colour = (name: string) => vars[name] ?? expect.unreachable(`${name} is not set in the ${scheme} scheme`)
    // Controls and the focus ring sit on the page (--bg) or on a card (--surface); an input is filled with --bg.
    const grounds = ['--bg', '--surface']
    const edges = [
      ['an input’s border', colourVariable('.field input', 'border')],
      ['a select’s border', colourVariable('.field select', 'border')],
      ['a button’s border', colourVariable('button', 'border')],
      ['the focus ring', colourVariable(':focus-visible', 'outline')],
    ] as const
    for (const [what, name] of edges) {
      for (const ground of grounds) {
        it(`${what} (${name}) is at least 3:1 against ${ground}`, () => {
          expect(contrast(colour(name), colour(ground))).toBeGreaterThanOrEqual(3)
        })
      }
    }
  })
}
