/**
 * The deck file's git history, for seeding its id ledger (`npm run deck:ledger`). Only that command reads git:
 * deck:check and the tests read the committed ledger, so a copy of the project without its history still checks.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { answersInSource } from './ledger'
import type { CardAnswer } from './card-sides'

export type PublishedVersion = { commit: string; answers: CardAnswer[] }

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] })
}

/**
 * Every committed version of `file`, parents before children (`git log --topo-order --reverse`), with the cards each
 * asked; [] when `file` is not in a git repository or has no history. Every commit reachable from HEAD counts,
 * merged branches included: once a version is in the history, someone may have loaded it.
 */
export function publishedVersions(file: string): PublishedVersion[] {
  const absolute = path.resolve(file)
  const cwd = path.dirname(absolute)
  let top: string
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim()
  } catch {
    return []
  }
  // git show wants the path from the top of the repository, with forward slashes.
  const rel = path.relative(top, absolute).split(path.sep).join('/')
  let commits: string[]
  try {
    commits = git(['log', '--topo-order', '--reverse', '--format=%H', '--', rel], top).split('\n').filter(Boolean)
  } catch {
    return [] // a repository without commits yet
  }
  return commits.map((commit) => ({ commit, answers: answersInSource(git(['show', `${commit}:${rel}`], top)) }))
}
