import { statSync } from 'node:fs'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { listArrivals, listIssueEvents, migrateToLatest, noteArrivals, openDatabase } from '../../src/store/index.ts'
import { migrateTo } from '../../src/store/migrate.ts'
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
      'photos',
      'progress_updates',
      'project_leaders',
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
    expect(rows[0]?.n).toBe(18)
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

  it('turns the sentences events held before 2026-12-08 into facts, and keeps arrivals in order without rowid', async () => {
    store = await openTestStore({ migrate: false })
    await migrateTo(store.db, '2026_12_03_000001_arrivals')
    await sql`insert into projects (id, name, created_at) values (1, '宏达电子', '2026-03-01T00:00:00.000Z')`.execute(store.db)
    await sql`insert into issues (id, project_id, number, category, summary, status, opened_at, opened_on)
              values (1, 1, 2, 'land', '征地', 'reopened', '2026-03-02T00:00:00.000Z', '2026-03-02')`.execute(store.db)
    const event = (kind: string, note: string | null) =>
      sql`insert into issue_events (issue_id, kind, status, note, at) values (1, ${kind}, 'open', ${note}, '2026-03-02T00:00:00.000Z')`.execute(store.db)
    await event('opened', '#1 办结后再次出现')
    await event('followed-up', '催了一下（期限改为 2026-04-15）')
    await event('followed-up', '括号（里面）照旧')
    await event('reopened', 'resolution retracted')
    await event('reopened', '只放了一半')
    // Arrivals a crash left behind: read back in the order they came, now by a column of their own.
    await sql`insert into arrivals (wechat_id, arrived_at) values ('b', '2026-03-02T00:00:01.000Z'), ('c', '2026-03-02T00:00:00.000Z')`.execute(store.db)
    await migrateToLatest(store.db)
    expect(await listArrivals(store.db)).toEqual(['c', 'b'])
    await noteArrivals(store.db, ['a'], new Date('2026-03-01T00:00:00Z'))
    expect(await listArrivals(store.db)).toEqual(['c', 'b', 'a'])
    expect((await listIssueEvents(store.db, 1)).map((e) => [e.kind, e.note, e.dueOn, e.recurs])).toEqual([
      ['opened', null, null, 1],
      ['followed-up', '催了一下', '2026-04-15', null],
      ['followed-up', '括号（里面）照旧', null, null],
      ['resolution-retracted', null, null, null],
      ['reopened', '只放了一半', null, null],
    ])
  })
})
