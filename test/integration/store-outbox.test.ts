import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claimJobRun,
  enqueueOutbox,
  findQuotedIssues,
  ingestMessage,
  finishJobRun,
  findJobRun,
  inTransaction,
  claimDueOutboxItems,
  listDueOutboxTargets,
  listOutbox,
  markOutboxAttemptFailed,
  markOutboxSent,
  nextOutboxAttemptAt,
  openDatabase,
  resumeOutbox,
  type Db,
  type OutboxItem,
} from '../../src/store/index.ts'
import { message, newProject, openTestStore, queued, settings, type TestStore } from './store-fixture.ts'

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s))
const room = { kind: 'room' as const, id: 'r1@chatroom' }
/** The sender these tests play, and a claim that outlasts every test. */
const ME = 'sender-a'
const FAR = new Date(Date.UTC(2030, 0, 1))

describe('outbox', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('hands out due items by target, oldest first, and keeps them pending until sent', async () => {
    await queued(store.db, { target: room, text: 'first', mentions: ['wxid_a'], at: at(0) })
    const later = await queued(store.db, { target: { kind: 'contact', id: 'wxid_b' }, text: 'later', at: at(1) })
    await markOutboxAttemptFailed(store.db, later.id, 'busy', at(30))
    expect(await listDueOutboxTargets(store.db, at(5), ME)).toEqual([{ target: room, firstId: 1 }])
    const [due] = await claimDueOutboxItems(store.db, room, at(5), 10, ME, FAR)
    expect(due).toMatchObject({ text: 'first', mentions: ['wxid_a'], state: 'pending', attempts: 0 })
    expect((await claimDueOutboxItems(store.db, room, at(5), 10, ME, FAR)).map((i) => i.id)).toEqual([due!.id])
    await markOutboxSent(store.db, due!.id, at(6), 'wx-1')
    expect(await listDueOutboxTargets(store.db, at(6), ME)).toEqual([])
    expect(await nextOutboxAttemptAt(store.db)).toEqual(at(30))
    expect((await nextDue(store.db, at(30)))?.text).toBe('later')
    expect((await listOutbox(store.db, 'sent')).map((i) => [i.text, i.attempts, i.sentMessageId])).toEqual([['first', 1, 'wx-1']])
  })

  it('lists every target with something due, the one whose oldest item is oldest first', async () => {
    const other = { kind: 'room' as const, id: 'r2@chatroom' }
    await queued(store.db, { target: other, text: '乙 1', at: at(0) })
    await queued(store.db, { target: room, text: '甲 1', at: at(0) })
    await queued(store.db, { target: other, text: '乙 2', at: at(0) })
    expect(await listDueOutboxTargets(store.db, at(1), ME)).toEqual([
      { target: other, firstId: 1 },
      { target: room, firstId: 2 },
    ])
    expect((await claimDueOutboxItems(store.db, other, at(1), 10, ME, FAR)).map((i) => i.text)).toEqual(['乙 1', '乙 2'])
    expect((await claimDueOutboxItems(store.db, other, at(1), 1, ME, FAR)).map((i) => i.text)).toEqual(['乙 1'])
  })

  it('never hands an item another sender holds to a second sender, until that claim ends', async () => {
    const item = await queued(store.db, { target: room, text: '甲 1', at: at(0) })
    expect((await claimDueOutboxItems(store.db, room, at(1), 10, 'sender-b', at(60))).map((i) => i.id)).toEqual([item.id])
    // Held by b: a neither sees the group as due nor can take the item.
    expect(await listDueOutboxTargets(store.db, at(2), ME)).toEqual([])
    expect(await claimDueOutboxItems(store.db, room, at(2), 10, ME, FAR)).toEqual([])
    // b's claim ran out (b died without a word): a may send it.
    expect((await claimDueOutboxItems(store.db, room, at(60), 10, ME, FAR)).map((i) => i.id)).toEqual([item.id])
    expect(await claimDueOutboxItems(store.db, room, at(61), 10, 'sender-b', at(120))).toEqual([])
    // Marking it failed ends a's claim: whoever comes next may retry it.
    await markOutboxAttemptFailed(store.db, item.id, 'gone', at(62))
    expect((await claimDueOutboxItems(store.db, room, at(62), 10, 'sender-b', at(120))).map((i) => i.id)).toEqual([item.id])
  })

  it('retries at the given time, and makes everything waiting out a backoff due at once when told WeChat is back', async () => {
    const item = await queued(store.db, { target: room, text: 'flaky', at: at(0) })
    const fresh = await queued(store.db, { target: room, text: 'fresh', at: at(50) })
    const retried = await markOutboxAttemptFailed(store.db, item.id, '操作过于频繁', at(20))
    expect(retried).toMatchObject({ state: 'pending', attempts: 1, lastError: '操作过于频繁', nextAttemptAt: at(20) })
    expect(await nextDue(store.db, at(19))).toBeUndefined()
    expect((await nextDue(store.db, at(20)))?.id).toBe(item.id)
    await markOutboxAttemptFailed(store.db, item.id, 'gone', at(600))
    // Only what failed is brought forward; an item queued for later keeps its time.
    expect(await resumeOutbox(store.db, at(21))).toBe(1)
    expect((await nextDue(store.db, at(21)))?.id).toBe(item.id)
    expect((await claimDueOutboxItems(store.db, room, at(21), 10, ME, FAR)).map((i) => i.id)).not.toContain(fresh.id)
  })

  it('marks the items folded into one send as sent with it', async () => {
    const a = await queued(store.db, { target: room, text: '已记录进度：60%', at: at(0) })
    const b = await queued(store.db, { target: room, text: '已登记问题 #1', issueId: null, at: at(0) })
    await markOutboxSent(store.db, a.id, at(1), 'wx-9', [b.id])
    const rows = await store.db.selectFrom('outbox').select(['id', 'state', 'sent_with', 'sent_message_id']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: a.id, state: 'sent', sent_with: null, sent_message_id: 'wx-9' },
      { id: b.id, state: 'sent', sent_with: a.id, sent_message_id: 'wx-9' },
    ])
  })

  it('finds the issues of every confirmation in a folded message from a quote of it, whole or cut short', async () => {
    const p = await newProject(store.db, '宏达电子')
    const issue = (summary: string, category: 'land' | 'finance') => ({ type: 'issue' as const, category, due: null, summary })
    const ingested = await ingestMessage(store.db, message(p.id, { roomId: room.id }), [issue('征地拆迁还有两户没谈妥', 'land'), issue('贷款审批卡在省行', 'finance')], settings)
    if (ingested.duplicate) throw new Error('stored twice')
    const [land, finance] = ingested.issues
    const a = await queued(store.db, { target: room, text: '已记录进度：60%', at: at(0) })
    const b = await queued(store.db, { target: room, text: '已登记问题 #1 · 土地工作专班', issueId: land!.id, at: at(0) })
    const c = await queued(store.db, { target: room, text: '已登记问题 #2 · 金融工作专班', issueId: finance!.id, at: at(0) })
    await markOutboxSent(store.db, a.id, at(1), 'wx-7', [b.id, c.id])
    const quoteOf = async (text: string) => (await findQuotedIssues(store.db, room.id, { name: '督办助手', text }, '督办助手'))?.map((i) => i.number)
    expect(await quoteOf('已记录进度：60%\n已登记问题 #1 · 土地工作专班\n已登记问题 #2 · 金融工作专班')).toEqual([1, 2])
    // WeChat shortens a long quote with "…".
    expect(await quoteOf('已记录进度：60%\n已登记问题 #1…')).toEqual([1, 2])
    expect(await quoteOf('已记录进…')).toEqual([1, 2])
    // A text sent on its own is found as before.
    const alone = await queued(store.db, { target: room, text: '已登记问题 #1 · 土地工作专班（再次）', issueId: land!.id, at: at(2) })
    await markOutboxSent(store.db, alone.id, at(3), 'wx-8')
    expect(await quoteOf('已登记问题 #1 · 土地工作专班（再次）')).toEqual([1])
  })

  it('carries a file after the text queued before it, and a text carries none', async () => {
    await queued(store.db, { target: room, text: '台账已生成', at: at(0) })
    const file = await queued(store.db, { target: room, text: '督办台账-2026-03-02.xlsx', file: { path: '/data/exports/督办台账-2026-03-02.xlsx', name: '督办台账-2026-03-02.xlsx' }, at: at(0) })
    expect(file.file).toEqual({ path: '/data/exports/督办台账-2026-03-02.xlsx', name: '督办台账-2026-03-02.xlsx' })
    const first = await nextDue(store.db, at(1))
    expect(first).toMatchObject({ text: '台账已生成', file: null })
    await markOutboxSent(store.db, first!.id, at(1))
    expect((await nextDue(store.db, at(2)))?.file?.name).toBe('督办台账-2026-03-02.xlsx')
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
    expect((await nextDue(reopened, at(2)))?.text).toBe('简报')
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

/** The first item due at `now`, of the first target with one. */
async function nextDue(db: Db, now: Date): Promise<OutboxItem | undefined> {
  const [first] = await listDueOutboxTargets(db, now, ME)
  return first ? (await claimDueOutboxItems(db, first.target, now, 1, ME, FAR))[0] : undefined
}
