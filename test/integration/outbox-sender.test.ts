import SQLite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock, systemClock } from '../../src/clock.ts'
import { silentLogger, type Logger } from '../../src/log.ts'
import { enqueueText } from '../../src/outbox/enqueue.ts'
import { OutboxSender, STUCK_ATTEMPTS, type OutboxSenderOptions } from '../../src/outbox/sender.ts'
import { listOutbox, openDatabase, type Db, type OutboxItem } from '../../src/store/index.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

const room = { kind: 'room' as const, id: 'r@chatroom' }

const until = async (done: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 500 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10))
}

/** The state of every item, as stored. */
const states = async (db: Db) => (await Promise.all((['pending', 'sent', 'failed'] as const).map((s) => listOutbox(db, s)))).flat().sort((a, b) => a.id - b.id)

describe('OutboxSender on a real outbox table', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  const queue = async (...texts: string[]) => {
    for (const text of texts) await enqueueText(store.db, { target: room, text }, new Date())
  }
  const sender = (o: Partial<OutboxSenderOptions> & Pick<OutboxSenderOptions, 'send'>) =>
    new OutboxSender({ db: store.db, isOnline: () => true, clock: systemClock, intervalMs: 1, log: silentLogger, random: () => 0, ...o })

  /**
   * Two replies (甲 to group a, 乙 to group b) whose sends fail `failures` times each while the link
   * is up, the clock moved a minute between rounds; then sending works again (`working()`), the
   * clock standing still.
   */
  async function failingFor(failures: number) {
    await enqueueText(store.db, { target: { kind: 'room', id: 'a@chatroom' }, text: '甲' }, new Date())
    await enqueueText(store.db, { target: { kind: 'room', id: 'b@chatroom' }, text: '乙' }, new Date())
    const clock = new FakeClock(new Date())
    let fail = true
    const sent: string[] = []
    const s = sender({
      clock,
      send: async (item) => {
        if (fail) throw new Error('发送失败：服务繁忙')
        sent.push(item.text)
        return undefined
      },
    })
    s.start()
    for (let round = 1; round < failures; round++) {
      await until(async () => (await states(store.db)).every((i) => i.attempts === round))
      clock.advance(60_000)
      s.wake()
    }
    await until(async () => (await states(store.db)).every((i) => i.attempts === failures))
    return { clock, sent, s, working: () => (fail = false) }
  }

  it('sends in order, one interval apart, and marks each sent only after it went out', async () => {
    // Each @mentions someone, so none is folded into another.
    for (const text of ['一', '二', '三']) await enqueueText(store.db, { target: room, text, mentionIds: ['wxid_x'] }, new Date())
    const seenAtSend: string[] = []
    const sentAt: number[] = []
    const s = sender({
      intervalMs: 50,
      send: async (item) => {
        // Read from the table itself: had the item been marked first, this would say 'sent'.
        const stored = (await states(store.db)).find((i) => i.id === item.id)
        seenAtSend.push(`${item.text}:${stored?.state}`)
        sentAt.push(performance.now())
        return `m${item.id}`
      },
    })
    s.start()
    await until(async () => (await listOutbox(store.db, 'sent')).length === 3)
    await s.stop()
    expect(seenAtSend).toEqual(['一:pending', '二:pending', '三:pending'])
    expect((await states(store.db)).map((i) => [i.text, i.state, i.sentMessageId])).toEqual([
      ['一', 'sent', 'm1'],
      ['二', 'sent', 'm2'],
      ['三', 'sent', 'm3'],
    ])
    for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(45)
  })

  it('never gives up: waits longer after each failure, reports the item once when it is stuck, sends it when WeChat takes it', async () => {
    await queue('坏')
    await enqueueText(store.db, { target: { kind: 'room', id: 'other@chatroom' }, text: '好' }, new Date())
    const clock = new FakeClock(new Date())
    const stuck: string[] = []
    let broken = true
    const s = sender({
      clock,
      send: async (item) => {
        if (item.text === '坏' && broken) throw new Error('room not found')
        return undefined
      },
      onStuck: async (item, error) => void stuck.push(`${item.text}:${item.attempts + 1}:${error}`),
    })
    s.start()
    const waits: number[] = []
    for (let attempt = 1; attempt <= STUCK_ATTEMPTS + 2; attempt++) {
      await until(async () => (await states(store.db))[0]!.attempts === attempt)
      const [bad] = await states(store.db)
      waits.push((bad!.nextAttemptAt.getTime() - clock.now().getTime()) / 1000)
      clock.advance(11 * 60_000)
      s.wake()
    }
    broken = false
    await until(async () => (await states(store.db))[0]!.state === 'sent')
    await s.stop()
    // 1 s, 2 s, 4 s… doubling, then every ten minutes at most; the good text went out meanwhile.
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64])
    expect(stuck).toEqual([`坏:${STUCK_ATTEMPTS}:room not found`])
    expect((await states(store.db)).map((i) => [i.text, i.state])).toEqual([
      ['坏', 'sent'],
      ['好', 'sent'],
    ])
  })

  it('sends everything waiting out a backoff as soon as WeChat is back online', async () => {
    await queue('一')
    const clock = new FakeClock(new Date())
    let online = true
    let fail = true
    const sent: string[] = []
    const s = sender({
      clock,
      isOnline: () => online,
      send: async (item) => {
        if (fail) throw new Error('14 UNAVAILABLE: No connection established')
        sent.push(item.text)
        return undefined
      },
    })
    s.start()
    await until(async () => (await states(store.db))[0]!.attempts === 1)
    online = false
    fail = false
    s.wake()
    await new Promise((r) => setTimeout(r, 50))
    online = true
    s.wake()
    // The clock stands still: only coming back online can make the item due again.
    await until(() => sent.length === 1)
    await s.stop()
    expect(sent).toEqual(['一'])
  })

  it('after sends failed with the link up, the first send that works makes everything waiting out a backoff due at once', async () => {
    // Both fail, more than once: their next tries are seconds to minutes away.
    const { clock, sent, s, working } = await failingFor(4)
    working()
    // A new reply goes out: the clock stands still, so only that success can bring the two forward.
    await enqueueText(store.db, { target: { kind: 'room', id: 'c@chatroom' }, text: '丙' }, clock.now())
    s.wake()
    await until(() => sent.length === 3)
    await s.stop()
    expect(sent).toEqual(['丙', '甲', '乙'])
  })

  it('while sends keep failing, tries one waiting item every ten seconds, so that sending working again is noticed with nothing new to send', async () => {
    // Five failures each: the next tries are 32 s away.
    const { clock, sent, s, working } = await failingFor(5)
    working()
    clock.advance(10_000)
    s.wake()
    await until(() => sent.length === 2)
    await s.stop()
    expect(sent.sort()).toEqual(['乙', '甲'].sort())
  })

  it('takes groups in turns: the group served longest ago goes next, not the oldest text', async () => {
    const a = { kind: 'room' as const, id: 'a@chatroom' }
    const b = { kind: 'room' as const, id: 'b@chatroom' }
    // @mentions keep each text a message of its own, so only the order is under test.
    for (const [target, text] of [[a, '甲 1'], [a, '甲 2'], [a, '甲 3'], [b, '乙 1']] as const) {
      await enqueueText(store.db, { target, text, mentionIds: ['wxid_x'] }, new Date())
    }
    const sent: string[] = []
    const s = sender({ send: async (item) => void sent.push(item.text) })
    s.start()
    await until(() => sent.length === 4)
    await s.stop()
    expect(sent).toEqual(['甲 1', '乙 1', '甲 2', '甲 3'])
  })

  it("folds a group's pending replies into one message, and records which items went with it", async () => {
    await queue('已记录进度：60%', '已登记问题 #1 · 土地工作专班', '已登记问题 #2 · 金融工作专班')
    await enqueueText(store.db, { target: room, text: '@张三 请汇报进度', mentionIds: ['wxid_z'] }, new Date())
    const sent: string[] = []
    const s = sender({ send: async (item) => (sent.push(item.text), `wx-${sent.length}`) })
    s.start()
    await until(async () => (await listOutbox(store.db, 'sent')).length === 4)
    await s.stop()
    expect(sent).toEqual(['已记录进度：60%\n已登记问题 #1 · 土地工作专班\n已登记问题 #2 · 金融工作专班', '@张三 请汇报进度'])
    const rows = await store.db.selectFrom('outbox').select(['id', 'sent_with', 'sent_message_id']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 1, sent_with: null, sent_message_id: 'wx-1' },
      { id: 2, sent_with: 1, sent_message_id: 'wx-1' },
      { id: 3, sent_with: 1, sent_message_id: 'wx-1' },
      { id: 4, sent_with: null, sent_message_id: 'wx-2' },
    ])
  })

  it('waits while offline instead of burning attempts', async () => {
    await queue('一')
    let online = false
    const sent: OutboxItem[] = []
    const s = sender({ isOnline: () => online, send: async (item) => void sent.push(item) })
    s.start()
    await new Promise((r) => setTimeout(r, 50))
    expect((await states(store.db))[0]).toMatchObject({ state: 'pending', attempts: 0 })
    online = true
    s.wake()
    await until(() => sent.length === 1)
    await s.stop()
    expect((await states(store.db))[0]).toMatchObject({ state: 'sent', attempts: 1 })
  })

  it('does not query the outbox over and over while offline', async () => {
    await queue('一')
    const errors: string[] = []
    const log: Logger = { ...silentLogger, error: (l) => errors.push(l) }
    // A closed database makes every query fail, and each failure is logged: the log counts queries.
    const closed = openDatabase(store.path)
    await closed.destroy()
    const s = new OutboxSender({ db: closed, send: async () => undefined, isOnline: () => false, clock: systemClock, intervalMs: 1, log })
    s.start()
    await new Promise((r) => setTimeout(r, 300))
    await s.stop()
    // Offline, the sender only waits; the overdue item once made it ask every 10 ms.
    expect(errors).toEqual([])
  })

  it('never sends again a text WeChat took when marking it sent fails for a while (the database locked)', async () => {
    await queue('一')
    const impatient = openDatabase(store.path, { busyTimeoutMs: 10 })
    const other = new SQLite(store.path)
    let sends = 0
    const s = new OutboxSender({
      db: impatient,
      isOnline: () => true,
      clock: systemClock,
      intervalMs: 1,
      log: silentLogger,
      random: () => 0,
      send: async () => {
        sends++
        // Another process takes the write lock just as WeChat accepts the text, and holds it a while.
        other.exec('begin immediate')
        setTimeout(() => other.exec('commit'), 300)
        return 'wx-1'
      },
    })
    s.start()
    await until(async () => (await listOutbox(store.db, 'sent')).length === 1)
    await s.stop()
    await impatient.destroy()
    other.close()
    expect(sends).toBe(1)
    expect((await states(store.db))[0]).toMatchObject({ state: 'sent', sentMessageId: 'wx-1', lastError: null })
  })
})
