import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claimJobRun,
  enqueueOutbox,
  finishJobRun,
  findJobRun,
  inTransaction,
  listOutbox,
  markOutboxAttemptFailed,
  markOutboxSent,
  nextDueOutboxItem,
  nextOutboxAttemptAt,
  openDatabase,
} from '../../src/store/index.ts'
import { openTestStore, queued, type TestStore } from './store-fixture.ts'

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s))
const room = { kind: 'room' as const, id: 'r1@chatroom' }

describe('outbox', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('hands out due items oldest first and keeps them pending until sent', async () => {
    await queued(store.db, { target: room, text: 'first', mentions: ['wxid_a'], at: at(0) })
    const later = await queued(store.db, { target: { kind: 'contact', id: 'wxid_b' }, text: 'later', at: at(1) })
    await markOutboxAttemptFailed(store.db, later.id, 'busy', at(30))
    const due = await nextDueOutboxItem(store.db, at(5))
    expect(due).toMatchObject({ text: 'first', mentions: ['wxid_a'], state: 'pending', attempts: 0 })
    expect(await nextDueOutboxItem(store.db, at(5))).toMatchObject({ id: due?.id })
    await markOutboxSent(store.db, due!.id, at(6), 'wx-1')
    expect(await nextDueOutboxItem(store.db, at(6))).toBeNull()
    expect(await nextOutboxAttemptAt(store.db)).toEqual(at(30))
    expect((await nextDueOutboxItem(store.db, at(30)))?.text).toBe('later')
    expect((await listOutbox(store.db, 'sent')).map((i) => [i.text, i.attempts, i.sentMessageId])).toEqual([['first', 1, 'wx-1']])
  })

  it('retries at the given time, then gives up when told to', async () => {
    const item = await queued(store.db, { target: room, text: 'flaky', at: at(0) })
    const retried = await markOutboxAttemptFailed(store.db, item.id, '操作过于频繁', at(20))
    expect(retried).toMatchObject({ state: 'pending', attempts: 1, lastError: '操作过于频繁', nextAttemptAt: at(20) })
    expect(await nextDueOutboxItem(store.db, at(19))).toBeNull()
    expect((await nextDueOutboxItem(store.db, at(20)))?.id).toBe(item.id)
    const failed = await markOutboxAttemptFailed(store.db, item.id, 'gone', null)
    expect(failed).toMatchObject({ state: 'failed', attempts: 2 })
    expect(await nextDueOutboxItem(store.db, at(99))).toBeNull()
  })

  it('carries a file after the text queued before it, and a text carries none', async () => {
    await queued(store.db, { target: room, text: '台账已生成', at: at(0) })
    const file = await queued(store.db, { target: room, text: '督办台账-2026-03-02.xlsx', file: { path: '/data/exports/督办台账-2026-03-02.xlsx', name: '督办台账-2026-03-02.xlsx' }, at: at(0) })
    expect(file.file).toEqual({ path: '/data/exports/督办台账-2026-03-02.xlsx', name: '督办台账-2026-03-02.xlsx' })
    const first = await nextDueOutboxItem(store.db, at(1))
    expect(first).toMatchObject({ text: '台账已生成', file: null })
    await markOutboxSent(store.db, first!.id, at(1))
    expect((await nextDueOutboxItem(store.db, at(2)))?.file?.name).toBe('督办台账-2026-03-02.xlsx')
  })

  it('ignores a second enqueue with the same dedupe key', async () => {
    const item = { target: room, mentions: [], issueId: null, dedupeKey: 'digest:2026-03-02:r1' }
    expect(await enqueueOutbox(store.db, { ...item, text: 'digest', at: at(0) })).toBe(true)
    expect(await enqueueOutbox(store.db, { ...item, text: 'digest again', at: at(1) })).toBe(false)
    expect((await listOutbox(store.db, 'pending')).map((i) => i.text)).toEqual(['digest'])
  })

  it('survives a restart: pending items come back, a claimed job run is not claimed again', async () => {
    await inTransaction(store.db, async (trx) => {
      expect(await claimJobRun(trx, 'digest', '2026-03-02', at(0))).toBe(true)
      await queued(trx, { target: room, text: '简报', at: at(0) })
      await finishJobRun(trx, 'digest', '2026-03-02', at(1))
    })
    await store.db.destroy()
    const reopened = openDatabase(store.path)
    store.db = reopened
    expect((await nextDueOutboxItem(reopened, at(2)))?.text).toBe('简报')
    expect(await claimJobRun(reopened, 'digest', '2026-03-02', at(3))).toBe(false)
    expect(await claimJobRun(reopened, 'digest', '2026-03-03', at(3))).toBe(true)
    expect(await claimJobRun(reopened, 'reminder', '2026-03-02', at(3))).toBe(true)
    expect(await findJobRun(reopened, 'digest', '2026-03-02')).toEqual({
      job: 'digest',
      workingDay: '2026-03-02',
      startedAt: at(0),
      finishedAt: at(1),
    })
  })

  it('loses both the claim and the texts when the job fails half way', async () => {
    await expect(
      inTransaction(store.db, async (trx) => {
        await claimJobRun(trx, 'blockers', '2026-03-02', at(0))
        await queued(trx, { target: room, text: 'part 1', at: at(0) })
        throw new Error('renderer crashed')
      }),
    ).rejects.toThrow('renderer crashed')
    expect(await listOutbox(store.db, 'pending')).toEqual([])
    expect(await claimJobRun(store.db, 'blockers', '2026-03-02', at(1))).toBe(true)
  })
})
