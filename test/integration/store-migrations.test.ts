import { statSync } from 'node:fs'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

describe('migrations', () => {
  let store: TestStore
  afterEach(async () => store?.close())

  it('builds every table from an empty file', async () => {
    store = await openTestStore()
    const tables = await store.db.introspection.getTables()
    expect(tables.map((t) => t.name).sort()).toEqual([
      'admin_ids',
      'answered_messages',
      'arrivals',
      'board_secret',
      'issue_events',
      'issues',
      'job_runs',
      'memberships',
      'messages',
      'outbox',
      'people',
      'progress_updates',
      'projects',
      'resolutions',
      'stage_events',
    ])
  })

  it('changes nothing when run again, also from a second connection', async () => {
    store = await openTestStore()
    const again = await migrateToLatest(store.db)
    expect(again.results).toEqual([])
    const other = openDatabase(store.path)
    expect((await migrateToLatest(other)).results).toEqual([])
    await other.destroy()
    const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(store.db)
    expect(rows[0]?.n).toBe(14)
  })

  it('opens the file in WAL mode with foreign keys on, readable by its owner only', async () => {
    store = await openTestStore()
    const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0]
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' })
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 })
    expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 })
    expect(statSync(store.path).mode & 0o777).toBe(0o600)
  })

  it('rejects a record pointing at a project that does not exist', async () => {
    store = await openTestStore()
    await expect(
      store.db
        .insertInto('stage_events')
        .values({ project_id: 999, stage: 'signed', reached_on: '2026-01-01', message_id: null, source_command: 'stage', actor_id: null, recorded_at: 'x', retracted_at: null })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/)
  })
})
