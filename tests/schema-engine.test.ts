/** Migrating a database through the WebAssembly schema engine, as `npm start` does before loading the decks. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseConfig } from '../lib/db/config'
import { applyMigrations } from '../lib/db/schema-engine'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(os.tmpdir() + '/kc-')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('applyMigrations', () => {
  it('creates the tables, and applies nothing the second time', async () => {
    const config = databaseConfig({ DATABASE_URL: 'file:' + path.join(dir, 'test.db') })
    expect(await applyMigrations(config)).toContain('20261128205201_init')
    expect(await applyMigrations(config)).toEqual([])
  }, 60_000)

  it('leaves the database usable by other connections as soon as it returns', async () => {
    const dbPath = path.join(dir, 'test.db')
    await applyMigrations(databaseConfig({ DATABASE_URL: 'file:' + dbPath }))
    // The app's own connection (and the deck loader's) opens the file right after; it must not find it locked.
    const sqlite = new Database(dbPath, { timeout: 1000 })
    try {
      expect(sqlite.prepare('SELECT count(*) AS n FROM "Card"').get()).toEqual({ n: 0 })
      expect(() => sqlite.exec('BEGIN IMMEDIATE; ROLLBACK')).not.toThrow()
    } finally {
      sqlite.close()
    }
  }, 60_000)
})
