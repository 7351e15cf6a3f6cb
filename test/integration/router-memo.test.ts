import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { defineCommand } from '../../src/core/index.ts'
import { createRouter } from '../../src/core/router.ts'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { listProjectMembers } from '../../src/store/index.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

/** A command that fails after its message was stored: the router's savepoint takes the message back. */
const boom = defineCommand({
  name: 'boom',
  aliases: [],
  description: '测试用：总是出错',
  usage: '/boom',
  where: ['project'],
  who: 'anyone',
  run: () => {
    throw new Error('boom')
  },
})


describe('the router remembers senders only while what it remembers is stored', () => {
  let store: TestStore
  afterEach(async () => store.close())

  it('a new sender whose first message failed is stored again with their next one', async () => {
    store = await openTestStore()
    const { rules } = settingsFromEnv({})
    const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands: [...commands, boom], botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    const handle = (msg: ChatMessage) => router.inBatch(store.db, (handleOne) => handleOne(msg))

    await handle(chatMessage('老张', '收到'))
    // 小李 is new: stored with the message, then taken back with it when the command fails.
    await handle(chatMessage('小李', '/boom'))
    await handle(chatMessage('小李', '厂房主体已封顶'))

    const texts = await store.db.selectFrom('messages').innerJoin('people', 'people.id', 'messages.sender_id').select(['people.name', 'messages.text']).orderBy('messages.id').execute()
    expect(texts).toEqual([
      { name: '老张', text: '收到' },
      { name: '小李', text: '厂房主体已封顶' },
    ])
    expect((await listProjectMembers(store.db, 1)).map((p) => p.name).sort()).toEqual(['小李', '老张'])
  })

  it('forgets them when a whole batch did not commit', async () => {
    store = await openTestStore()
    const { rules } = settingsFromEnv({})
    const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    const failed = router.inBatch(store.db, async (handle) => {
      await handle(chatMessage('小王', '收到'))
      throw new Error('the commit failed')
    })
    await expect(failed).rejects.toThrow('the commit failed')
    await router.inBatch(store.db, (handle) => handle(chatMessage('小王', '设备已进场')))
    const rows = await store.db.selectFrom('messages').innerJoin('people', 'people.id', 'messages.sender_id').select(['people.name', 'messages.text']).execute()
    expect(rows).toEqual([{ name: '小王', text: '设备已进场' }])
  })
})
