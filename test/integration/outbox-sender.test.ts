import SQLite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.ts'
import { silentLogger, type Logger } from '../../src/log.ts'
import { enqueueText } from '../../src/outbox/enqueue.ts'
import { OutboxSender, type OutboxSenderOptions } from '../../src/outbox/sender.ts'
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

  it('sends in order, one interval apart, and marks each sent only after it went out', async () => {
    await queue('一', '二', '三')
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

  it('gives up after the last attempt and keeps going with the rest', async () => {
    await queue('坏', '好')
    const s = sender({
      maxAttempts: 2,
      send: async (item) => {
        if (item.text === '坏') throw new Error('room not found')
        return undefined
      },
    })
    s.start()
    // The failed one waits out its backoff (≥ 1 s) before its second and last attempt.
    await until(async () => (await listOutbox(store.db, 'pending')).length === 0)
    await s.stop()
    expect((await states(store.db)).map((i) => [i.text, i.state, i.attempts])).toEqual([
      ['坏', 'failed', 2],
      ['好', 'sent', 1],
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
