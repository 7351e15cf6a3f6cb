import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/bot/logger.ts'
import { OutboxSender, type OutboxQueue } from '../../../src/bot/outbox-sender.ts'
import { systemClock } from '../../../src/clock.ts'
import type { OutboxItem } from '../../../src/store/index.ts'

/** An in-memory outbox with the store's semantics. */
function memoryQueue(texts: string[]) {
  const items = texts.map((text, i) => ({
    id: i + 1,
    target: { kind: 'room' as const, id: 'r@chatroom' },
    text,
    mentions: [],
    dedupeKey: null,
    issueId: null,
    state: 'pending' as OutboxItem['state'],
    attempts: 0,
    nextAttemptAt: new Date(0),
    lastError: null as string | null,
    createdAt: new Date(0),
    sentAt: null as Date | null,
    sentMessageId: null as string | null,
  }))
  const pending = () => items.filter((i) => i.state === 'pending')
  const queue: OutboxQueue = {
    nextDue: async (now) => pending().find((i) => i.nextAttemptAt <= now) ?? null,
    nextAttemptAt: async () => pending()[0]?.nextAttemptAt ?? null,
    markSent: async (id, at) => void Object.assign(items[id - 1]!, { state: 'sent', sentAt: at, attempts: items[id - 1]!.attempts + 1 }),
    markRetry: async (id, error, retryAt) =>
      void Object.assign(items[id - 1]!, { lastError: error, nextAttemptAt: retryAt, attempts: items[id - 1]!.attempts + 1 }),
    markFailed: async (id, error) => void Object.assign(items[id - 1]!, { state: 'failed', lastError: error, attempts: items[id - 1]!.attempts + 1 }),
  }
  return { items, queue }
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('OutboxSender', () => {
  it('sends in order, one interval apart, and marks each sent only after it went out', async () => {
    const { items, queue } = memoryQueue(['一', '二', '三'])
    const sentAt: number[] = []
    const sender = new OutboxSender({
      queue,
      send: async (item) => {
        expect(items[item.id - 1]!.state).toBe('pending')
        sentAt.push(performance.now())
        return `m${item.id}`
      },
      isOnline: () => true,
      clock: systemClock,
      intervalMs: 50,
      log: silentLogger,
      random: () => 0,
    })
    sender.start()
    await until(() => items.every((i) => i.state === 'sent'))
    await sender.stop()
    expect(items.map((i) => i.state)).toEqual(['sent', 'sent', 'sent'])
    for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(45)
  })

  it('gives up after the last attempt and keeps going with the rest', async () => {
    const { items, queue } = memoryQueue(['坏', '好'])
    const sender = new OutboxSender({
      queue,
      send: async (item) => {
        if (item.text === '坏') throw new Error('room not found')
        return undefined
      },
      isOnline: () => true,
      clock: systemClock,
      intervalMs: 1,
      log: silentLogger,
      random: () => 0,
      maxAttempts: 2,
    })
    sender.start()
    await until(() => items.every((i) => i.state !== 'pending'))
    await sender.stop()
    expect(items.map((i) => [i.state, i.attempts])).toEqual([
      ['failed', 2],
      ['sent', 1],
    ])
  })

  it('waits while offline instead of burning attempts', async () => {
    const { items, queue } = memoryQueue(['一'])
    let online = false
    const sender = new OutboxSender({ queue, send: async () => undefined, isOnline: () => online, clock: systemClock, intervalMs: 1, log: silentLogger })
    sender.start()
    await new Promise((r) => setTimeout(r, 50))
    expect(items[0]!.attempts).toBe(0)
    online = true
    sender.wake()
    await until(() => items[0]!.state === 'sent')
    await sender.stop()
    expect(items[0]!.attempts).toBe(1)
  })

  it('does not ask the queue over and over while offline', async () => {
    const { queue } = memoryQueue(['一'])
    let asked = 0
    const counting: OutboxQueue = {
      ...queue,
      nextDue: async (now) => (asked++, queue.nextDue(now)),
      nextAttemptAt: async () => (asked++, queue.nextAttemptAt()),
    }
    const sender = new OutboxSender({ queue: counting, send: async () => undefined, isOnline: () => false, clock: systemClock, intervalMs: 1, log: silentLogger })
    sender.start()
    await new Promise((r) => setTimeout(r, 300))
    await sender.stop()
    // One idle poll a second at most; the overdue item used to make it ask every 10 ms.
    expect(asked).toBeLessThanOrEqual(2)
  })

  it('never sends again a text WeChat took when marking it sent fails for a while', async () => {
    const { items, queue } = memoryQueue(['一'])
    let markFailures = 2
    let sends = 0
    const flaky: OutboxQueue = {
      ...queue,
      markSent: async (id, at, sentId) => {
        if (markFailures-- > 0) throw new Error('SQLITE_BUSY: database is locked')
        return queue.markSent(id, at, sentId)
      },
    }
    const sender = new OutboxSender({
      queue: flaky,
      send: async () => void sends++,
      isOnline: () => true,
      clock: systemClock,
      intervalMs: 1,
      log: silentLogger,
      random: () => 0,
    })
    sender.start()
    await until(() => items[0]!.state === 'sent')
    await sender.stop()
    expect(sends).toBe(1)
    expect(items[0]!.lastError).toBeNull()
  })
})
