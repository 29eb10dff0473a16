/**
 * The data layer's modules depend one way (issue #33): no import cycle in lib/data, `import type` and re-exports
 * included, since a cycle of types still ties two modules' meanings together. The core (lib/core) imports nothing
 * of the data layer.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from './source-files'

const DATA = path.join(__dirname, '..', 'lib', 'data')

/** Every module specifier of a file: static imports (type-only too), re-exports, side-effect and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = []
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]/g)) found.push(m[1]!)
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!)
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!)
  return found
}

/** lib/data's modules, each with the lib/data modules it imports (by file name without extension). */
function dataGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(DATA)) {
    const name = path.relative(DATA, file).replace(/\.tsx?$/, '')
    const local = specifiers(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('./') || s.startsWith('../data/') || s.startsWith('@/lib/data/'))
      .map((s) => s.replace(/^(\.\/|\.\.\/data\/|@\/lib\/data\/)/, '').replace(/\.tsx?$/, ''))
    graph.set(name, [...new Set(local)])
  }
  return graph
}

/** The first cycle found, as the modules along it (the first repeated at the end), or null. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  function visit(node: string): string[] | null {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

describe('lib/data imports', () => {
  it('reads every kind of import, type-only ones included (positive control)', () => {
    const source = [
      "import type { A } from './a'",
      "import { type B, c } from './b'",
      "export type { D } from './d'",
      "import 'server-only'",
      "const e = await import('./e')",
      'import {\n  f,\n  g,\n} from "./f"',
    ].join('\n')
    expect(specifiers(source).sort()).toEqual(['./a', './b', './d', './e', './f', 'server-only'])
  })

  it('finds a cycle when there is one (positive control)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toBeNull()
  })

  it('has no cycle', () => {
    const graph = dataGraph()
    expect(graph.get('study-service')).toContain('study-context') // the graph is read at all
    expect(findCycle(graph)).toBeNull()
  })

  it('other services import the study context, not the study use cases (the quiz\'s grade aside)', () => {
    const graph = dataGraph()
    const users = [...graph].filter(([, deps]) => deps.includes('study-service')).map(([name]) => name).sort()
    expect(users).toEqual(['quiz-service', 'study'])
  })
})
