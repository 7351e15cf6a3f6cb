import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createRouter } from '../../src/core/router.ts'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'


/**
 * The router keeps each project's issues between messages while only plain progress comes in; what
 * a command or a recall changed must be seen by the very next message.
 */
describe('the issues a message is compared with are those of the ledger', () => {
  let store: TestStore
  afterEach(async () => store.close())

  async function start() {
    store = await openTestStore()
    const { rules } = settingsFromEnv({ BOT_ADMINS: 'wxid_王主任' })
    const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    const handle = async (msg: ChatMessage) => {
      await router.inBatch(store.db, (handleOne) => handleOne(msg))
      return msg.id
    }
    const issues = () => store.db.selectFrom('issues').select(['number', 'status', 'retracted_at']).orderBy('number').execute()
    return { handle, issues }
  }

  it('after /resolve, the problem raised again is a new issue, not news of the closed one', async () => {
    const { handle, issues } = await start()
    await handle(chatMessage('老张', '青苗补偿还没谈妥，村民阻工'))
    await handle(chatMessage('老张', '厂房主体结构完成60%'))
    await handle(chatMessage('王主任', '/resolve 1 已与村里协调'))
    await handle(chatMessage('老张', '青苗补偿又谈不拢了，村民又来阻工'))
    expect(await issues()).toEqual([
      { number: 1, status: 'resolved', retracted_at: null },
      { number: 2, status: 'open', retracted_at: null },
    ])
  })

  it('after a recall, the problem said again is a new issue, not news of the one taken back', async () => {
    const { handle, issues } = await start()
    const first = await handle(chatMessage('老张', '燃气管道还没接到厂区'))
    await handle(chatMessage('老张', '厂房主体结构完成60%'))
    await handle(chatMessage('老张', first, { kind: 'recall' }))
    await handle(chatMessage('老张', '燃气管道还是没接到厂区，影响调试'))
    expect(await issues()).toEqual([
      { number: 1, status: 'open', retracted_at: expect.any(String) },
      { number: 2, status: 'open', retracted_at: null },
    ])
  })
})
