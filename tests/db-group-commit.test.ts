/**
 * The app's connection with group commit: Prisma (better-auth, settings, the deck loader) shares the connection with
 * the data layer's write batch, and must never run inside it.
 */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createTestUser, freshDatabase, type TestDb } from './helpers'

let t: TestDb
beforeEach(async () => {
  t = await freshDatabase()
  await createTestUser(t.db, 'ann')
})
afterEach(async () => t.close())

const rename = (name: string) => (sqlite: Database.Database) => sqlite.prepare('UPDATE "User" SET name = ? WHERE id = ?').run(name, 'ann').changes

it('commits the open batch before a Prisma statement, which then reads it like any other connection', async () => {
  const write = t.db.writeSqlite(rename('Ann B.'))
  const other = new Database(t.url.slice('file:'.length), { readonly: true })
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { id: 'ann' } })
  expect(user.name).toBe('Ann B.')
  // Committed by the time Prisma's statement ran, not at the end of the turn.
  expect(other.prepare('SELECT name FROM "User" WHERE id = ?').get('ann')).toEqual({ name: 'Ann B.' })
  other.close()
  await expect(write).resolves.toBe(1)
})

it('lets a Prisma transaction start while a batch is open, and keeps both', async () => {
  const write = t.db.writeSqlite(rename('Ann C.'))
  // Without the flush, SQLite refuses: "cannot start a transaction within a transaction".
  await t.db.prisma.$transaction(async (tx) => {
    await tx.userSettings.update({ where: { userId: 'ann' }, data: { newPerDay: 7 } })
  })
  await write
  expect(await t.db.prisma.user.findUniqueOrThrow({ where: { id: 'ann' }, include: { settings: true } })).toMatchObject({ name: 'Ann C.', settings: { newPerDay: 7 } })
})

it('commits a batch still open when the database is closed', async () => {
  const write = t.db.writeSqlite(rename('Ann D.'))
  await t.db.close()
  await expect(write).resolves.toBe(1)
  const reopened = new Database(t.url.slice('file:'.length), { readonly: true })
  expect(reopened.prepare('SELECT name FROM "User" WHERE id = ?').get('ann')).toEqual({ name: 'Ann D.' })
  reopened.close()
})
