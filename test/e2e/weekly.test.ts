/**
 * The weekly 通报 over the real wire: a week of a project group's chat, then the bot started as
 * `npm start` starts it, with every job on its default schedule, on Monday 2026-12-07 at 10:00:
 * the Monday 09:00 通报 is due and goes out to the digest's recipients, once; on Tuesday it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { FakeClock } from '../../src/clock.ts'
import { jobs } from '../../src/jobs/index.ts'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const RECIPIENT_GROUP = '【督办】领导群'
const env = { DIGEST_RECIPIENTS: `王局长,${RECIPIENT_GROUP}`, CITY_NAME: '临江市' }
const clock = new FakeClock('2026-12-07T10:00:00+08:00')

let h: WireHarness
let b: BotUnderTest
let chief: mock.ContactMock
let leaders: mock.RoomMock

const isWeekly = (t: string) => t.includes('周通报')

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  // The week's chat, to a bot without jobs (their catch-up at login would run before it is in).
  b = await startBot(h, { clock, env })
  const zhang = h.contact('张三')
  chief = h.contact('王局长')
  leaders = h.room(RECIPIENT_GROUP, [h.contact('管理员'), chief])
  const site = h.room('【项目】新材料推进群', [zhang])
  await b.handled(h.say(zhang, site, '施工用电还没接入，供电局说要等电力设施迁改', [], new Date('2026-12-01T09:00:00+08:00')))
  await b.handled(h.say(zhang, site, '今天正式开工了', [], new Date('2026-12-02T10:00:00+08:00')))
  await b.handled(h.say(zhang, site, '施工用电已经解决了', [], new Date('2026-12-03T15:00:00+08:00')))
  await b.handled(h.say(zhang, site, '环评批复还没下来', [], new Date('2026-12-04T11:00:00+08:00')))
  await b.stop()
  // Then as `npm start` runs it: every job, at login.
  b = await startBot(h, { clock, env, dbPath: b.dbPath, jobs })
}, 60_000)

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

describe('the weekly 通报', () => {
  it('goes out on Monday to a recipient contact and a recipient group: the teams, the stage reached, the pace', async () => {
    const toChief = await h.waitForSay(chief, isWeekly, 20_000)
    expect(await h.waitForSay(leaders, isWeekly, 20_000)).toBe(toChief)
    expect(toChief).toMatch(/^📢 临江市项目督办周通报（11月30日至12月6日）\n/u)
    expect(toChief).toContain('1. 环保能耗配套和审批专班：收到 1，办结 0，未办结 1，其中超期 0')
    expect(toChief).toContain('2. 增资扩产和园区建设专班：收到 1，办结 1（按期 1，占 100%，中位 2 个工作日），未办结 0，其中超期 0')
    expect(toChief).toContain('本周到达节点 1 个：\n新材料 动工（12月2日）')
    expect(toChief).toContain('全市近 90 天没有项目供地')
  })

  it('is sent once: not again after a restart the same day, and not on Tuesday', async () => {
    await b.app.drained()
    await b.stop()
    b = await startBot(h, { clock, env, dbPath: b.dbPath, jobs })
    clock.set('2026-12-08T10:00:00+08:00')
    await b.stop()
    b = await startBot(h, { clock, env, dbPath: b.dbPath, jobs })
    await new Promise((r) => setTimeout(r, 2_000))
    await b.app.drained()
    expect(h.saidIn(chief).filter(isWeekly)).toHaveLength(1)
    expect(h.saidIn(leaders).filter(isWeekly)).toHaveLength(1)
    // The daily digest did go out on Tuesday: the schedule ran, the 通报 was not due.
    expect(h.saidIn(chief).filter((t) => t.includes('督办日报 · 12月8日'))).toHaveLength(1)
  })
})
