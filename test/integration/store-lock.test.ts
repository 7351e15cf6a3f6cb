import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createProject, findProjectByName, inTransaction, openDatabase, type Db } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
let db: Db
beforeEach(async () => {
  store = await openTestStore()
  await sql`create table scratch (x integer)`.execute(store.db)
  db = openDatabase(store.path, { busyTimeoutMs: 5_000 })
})
afterEach(async () => {
  await db.destroy()
  await store.close()
})

/**
 * Another process takes the write lock, writes, and commits `ms` later (the sqlite3 shell, a backup
 * script); resolves once it holds the lock. A process of its own: SQLite waits for a lock
 * synchronously, so a holder in this process could never let go while the test waits.
 */
async function holdLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.exec('begin immediate'); d.exec('insert into scratch values (1)'); console.log('locked'); setTimeout(() => { d.exec('commit'); d.close() }, ${ms})`,
      path,
    ],
    { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`the locking process exited (${code}) before locking`)))
  })
  return { released: new Promise((resolve) => child.once('exit', () => resolve())) }
}

it('a transaction that reads before it writes waits out another process’s lock instead of failing (issue 10, point 1)', async () => {
  const { released } = await holdLock(store.path, 500)
  // Read first, then write: begun as a read, the write could not wait for the lock (SQLITE_BUSY_SNAPSHOT
  // once the other process commits); begun as a write (BEGIN IMMEDIATE), it waits at the start.
  await inTransaction(db, async (trx) => {
    expect(await findProjectByName(trx, '锁等待项目')).toBeNull()
    await createProject(trx, { name: '锁等待项目', at: new Date('2026-03-02T01:00:00Z') })
  })
  await released
  expect(await findProjectByName(db, '锁等待项目')).toMatchObject({ name: '锁等待项目' })
  const { rows } = await sql<{ n: number }>`select count(*) as n from scratch`.execute(db)
  expect(rows[0]?.n).toBe(1)
})
