import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findLatestProgress, ingestMessage, openDatabase, type Db } from '../../src/store/index.ts'
import { message, newProject, openTestStore, settings, type TestStore } from './store-fixture.ts'

describe('WAL: a reader during a write', () => {
  let store: TestStore
  let reader: Db
  beforeEach(async () => {
    store = await openTestStore()
    reader = openDatabase(store.path)
  })
  afterEach(async () => {
    await reader.destroy()
    await store.close()
  })

  it('reads the last committed state while a write is open on another connection, then the new one', async () => {
    const p = await newProject(store.db, '宏达电子')
    const progress = (summary: string) => [{ type: 'progress' as const, stage: null, percent: null, due: null, summary }]
    await ingestMessage(store.db, message(p.id), progress('旧进度'), settings)

    const seenDuringWrite = await store.db.transaction().execute(async (trx) => {
      await ingestMessage(trx, message(p.id, { sentAt: new Date('2026-03-03T09:00:00+08:00') }), progress('新进度'), settings)
      // The writer holds its lock here; the reader neither waits for it nor sees the uncommitted row.
      const started = performance.now()
      const seen = (await findLatestProgress(reader, p.id))?.summary
      return { seen, waitedMs: performance.now() - started }
    })
    expect(seenDuringWrite.seen).toBe('旧进度')
    expect(seenDuringWrite.waitedMs).toBeLessThan(1000)
    expect((await findLatestProgress(reader, p.id))?.summary).toBe('新进度')
  })

  it('lets a write commit while a read transaction is open, and the reader keeps its snapshot', async () => {
    const p = await newProject(store.db, '宏达电子')
    const progress = (summary: string) => [{ type: 'progress' as const, stage: null, percent: null, due: null, summary }]
    await ingestMessage(store.db, message(p.id), progress('旧进度'), settings)

    const seen = await reader.transaction().setAccessMode('read only').execute(async (rtx) => {
      const before = (await findLatestProgress(rtx, p.id))?.summary
      // Without WAL this commit would wait for the reader and fail with SQLITE_BUSY.
      await ingestMessage(store.db, message(p.id, { sentAt: new Date('2026-03-03T09:00:00+08:00') }), progress('新进度'), settings)
      const after = (await findLatestProgress(rtx, p.id))?.summary
      return [before, after]
    })
    expect(seen).toEqual(['旧进度', '旧进度'])
    expect((await findLatestProgress(reader, p.id))?.summary).toBe('新进度')
  })
})
