/**
 * `npm run reset-password -- <email>`: sets a new password for an account (Keyclaims sends no email, so there is no
 * reset link). Asks for the password twice without showing it, or reads one line from standard input when that is
 * not a terminal (`printf '%s\n' "$PW" | npm run -s reset-password -- ana@example.org`). Runs beside a running
 * server, on SQLite or PostgreSQL (DATABASE_URL, as for npm start). Exit status: 0 done, 1 refused, 2 usage.
 */
import { ensureAuthSecret } from './prepare'

async function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  process.stdout.write(prompt)
  stdin.setRawMode(true)
  stdin.resume()
  stdin.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let typed = ''
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData)
          stdin.setRawMode(false)
          stdin.pause()
          process.stdout.write('\n')
          return resolve(typed)
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false)
          process.stdout.write('\n')
          return reject(new Error('cancelled, nothing changed'))
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1)
        else typed += ch
      }
    }
    stdin.on('data', onData)
  })
}

async function readLine(): Promise<string> {
  let text = ''
  for await (const chunk of process.stdin) text += chunk
  return text.split(/\r?\n/)[0] ?? ''
}

async function newPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLine()
  const first = await readHidden('New password (at least 8 characters, not a common one): ')
  const second = await readHidden('The same again: ')
  if (first !== second) throw new Error('the two passwords differ; nothing changed')
  return first
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error('usage: npm run reset-password -- <email>   (asks for the new password; or pipe it in on one line)')
    return 2
  }
  // Hashing needs no secret, but better-auth refuses to start without one outside development.
  process.env.BETTER_AUTH_SECRET = ensureAuthSecret()
  const password = await newPassword()
  const { resetPassword } = await import('../lib/server/reset-password')
  const { db } = await import('../lib/db/prisma')
  try {
    const outcome = await resetPassword(args[0]!, password)
    if (!outcome.ok) {
      console.error(`refused (${outcome.field}): ${outcome.message.replace(/\.?$/, '.')} Nothing changed.`)
      return 1
    }
    console.log(`new password set for ${outcome.email}; signed out on every device (${outcome.sessionsEnded} session${outcome.sessionsEnded === 1 ? '' : 's'} ended)`)
    return 0
  } finally {
    await db.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`reset-password: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
