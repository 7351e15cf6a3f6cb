import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { forgetArrivals, listArrivals, noteArrivals, openDatabase, type Db } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

let store: TestStore
let db: Db
beforeEach(async () => {
  store = await openTestStore()
  // As the bot opens it: a write waits up to a second for another process's lock.
  db = openDatabase(store.path, { busyTimeoutMs: 1_000 })
})
afterEach(async () => {
  await db.destroy()
  await store.close()
})

const at = new Date('2026-03-02T01:00:00Z')

it('keeps the announced ids in the order they came until they are forgotten, a second note changing nothing', async () => {
  await noteArrivals(db, ['m2', 'm1', 'm3'], at)
  await noteArrivals(db, ['m1'], at)
  expect(await listArrivals(db)).toEqual(['m2', 'm1', 'm3'])
  await forgetArrivals(db, ['m1', 'm3'])
  expect(await listArrivals(db)).toEqual(['m2'])
})

it('never waits for another process’s lock: fails at once, and the bot’s own wait for later writes is as before', async () => {
  const other = new SQLite(store.path)
  other.exec('begin exclusive')
  try {
    const start = performance.now()
    await expect(noteArrivals(db, ['m1'], at)).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    // Waiting out the busy timeout would take the whole second, with the event loop frozen.
    expect(performance.now() - start).toBeLessThan(500)
  } finally {
    other.exec('commit')
    other.close()
  }
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)
  expect(rows[0]?.timeout).toBe(1_000)
  await noteArrivals(db, ['m1'], at)
  expect(await listArrivals(db)).toEqual(['m1'])
})
