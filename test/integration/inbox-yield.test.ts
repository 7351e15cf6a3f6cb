import { afterEach, describe, expect, it } from 'vitest'
import { readChatText } from '../../src/parse/chat-text.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createInbox } from '../../src/core/inbox.ts'
import type { Router } from '../../src/core/router.ts'
import { systemClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

const message = (i: number): ChatMessage => ({
  id: `m${i}`,
  kind: 'text',
  text: '收到',
  ...readChatText('收到', 'text'),
  talker: { id: 'wxid_a', name: '甲' },
  room: { id: 'r@chatroom', topic: '【项目】甲推进群', ownerId: undefined },
  mentionIds: [],
  mentionsBot: false,
  sentAt: new Date('2026-03-02T01:00:00Z'),
})

describe('the inbox', () => {
  let store: TestStore
  afterEach(async () => store.close())

  it('lets the event loop run while a long batch is handled (WeChat keeps delivering meanwhile)', async () => {
    store = await openTestStore()
    let handled = 0
    // Each message takes 2 ms of CPU, as a long report does; the whole batch takes 400 ms.
    const handle = async () => {
      const until = performance.now() + 2
      while (performance.now() < until);
      handled++
    }
    const router: Router = { inBatch: (db, work) => db.transaction().execute((trx) => work(handle, trx)) }
    const inbox = createInbox({ db: store.db, router, clock: systemClock, log: silentLogger, afterBatch() {} })
    for (let i = 0; i < 200; i++) inbox.push({ id: `m${i}`, read: async () => message(i) })
    const seenByTimer = await new Promise<number>((resolve) => setTimeout(() => resolve(handled), 0))
    await inbox.settled()
    expect(handled).toBe(200)
    expect(seenByTimer).toBeLessThan(200)
  })
})
