import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { createRouter } from '../../src/core/router.ts'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { getStageDates } from '../../src/store/index.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'


/** A project's milestones: an admin's can be taken back, and a date already set is not replaced unseen. */
describe('stages', () => {
  let store: TestStore
  afterEach(async () => store.close())

  async function start() {
    store = await openTestStore()
    const { rules } = settingsFromEnv({ BOT_ADMINS: 'wxid_王主任' })
    const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    const say = async (who: string, text: string) => {
      const before = (await store.db.selectFrom('outbox').select((e) => e.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0
      await router.inBatch(store.db, (handle) => handle(chatMessage(who, text)))
      const rows = await store.db.selectFrom('outbox').select('text').where('id', '>', before).execute()
      return rows.map((r) => r.text).join('\n')
    }
    const dates = async () => getStageDates(store.db, (await store.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id)
    return { say, dates }
  }

  it('/节点 撤销 takes back an admin’s own milestone', async () => {
    const { say, dates } = await start()
    expect(await say('王主任', '/节点 供地 2026-01-05')).toBe('已记录节点：供地（1月5日）')
    expect(await dates()).toEqual({ land: '2026-01-05' })
    expect(await say('王主任', '/节点 撤销 供地')).toBe('已撤销：节点 供地（1月5日）')
    expect(await dates()).toEqual({})
    expect(await say('王主任', '/节点 撤销 供地')).toBe('本项目没有“供地”节点可撤销。')
  })

  it('a second 签约 said in the group keeps the first date and asks an admin; the admin’s new date is a correction, said as one', async () => {
    const { say, dates } = await start()
    await say('王主任', '/节点 签约 2025-03-02')
    // 李四 means the second phase's contract: the project's signing date is not moved by it.
    expect(await say('李四', '二期项目今天正式签约了')).toBe(
      '节点 签约 已记为 2025年3月2日，这次未改动\n如签约日期确应改为 3月2日，请管理员发 /节点 签约 2026-03-02',
    )
    expect(await dates()).toEqual({ signed: '2025-03-02' })
    // The same day again is nothing new; another day is a correction that names both dates.
    expect(await say('王主任', '/节点 签约 2025-03-02')).toBe('已记录节点：签约（2025年3月2日）')
    expect(await say('王主任', '/节点 签约 2026-03-02')).toBe('已更正节点：签约 2025年3月2日 → 3月2日（原记录保留在台账中）')
    expect(await dates()).toEqual({ signed: '2026-03-02' })
  })
})
