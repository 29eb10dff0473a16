import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** The project's own source files under `dir` (TypeScript, no tests, no generated client), as paths joined to it. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : []
  })
}
