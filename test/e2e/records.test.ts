import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  b = await startBot(h)
})

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

describe('a project group bound by its topic', () => {
  it('records progress and an issue, and confirms them', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】年产10万吨新材料推进群', [zhang])
    h.say(zhang, room, '厂房主体结构已完成60%，预计5月底封顶')
    expect(await h.waitForSay(room, /已记录进度/)).toMatch(/60%/)
    h.say(zhang, room, '施工用电还没接入，供电局说要等电力设施迁改')
    expect(await h.waitForSay(room, /已登记问题 #1/)).toMatch(/增资扩产和园区建设专班/)
  })
})
