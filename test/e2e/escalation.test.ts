/**
 * Escalation to the leader in charge over the real wire: an admin names the project's 挂点领导 with
 * /挂点 @王副区长; on Monday 2026-10-12 the bot, started as `npm start` starts it, finds an issue
 * five working days past due (严重超期) and sends it privately to that leader, once, with its
 * history and team; the digest marks it 已提级; a fresher issue is not sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { FakeClock } from '../../src/clock.ts'
import { jobs } from '../../src/jobs/index.ts'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const clock = new FakeClock('2026-10-12T10:00:00+08:00')
const env = { DIGEST_RECIPIENTS: '王局长' }

let h: WireHarness
let b: BotUnderTest
let admin: mock.ContactMock
let leader: mock.ContactMock
let site: mock.RoomMock

const isEscalation = (t: string) => t.includes('严重超期问题提级')

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  b = await startBot(h, { clock, env })
  const zhang = h.contact('张三')
  admin = h.contact('管理员')
  leader = h.contact('王副区长')
  h.contact('王局长')
  site = h.room('【项目】电子推进群', [zhang, admin, leader])
  // Opened 9月18日, due 9月29日 (seven working days): five working days overdue on 10月12日.
  await b.handled(h.say(zhang, site, '征地拆迁还有两户没谈妥', [], new Date('2026-09-18T10:00:00+08:00')))
  await b.handled(h.say(zhang, site, '贷款审批卡在省行', [], new Date('2026-10-09T10:00:00+08:00')))
  h.say(admin, site, '/挂点 @王副区长', [leader])
  expect(await h.waitForSay(site, /挂点领导/u)).toMatch(/^已设定「电子」的挂点领导：王副区长。问题超期 5 个工作日/u)
  await b.stop()
  b = await startBot(h, { clock, env, dbPath: b.dbPath, jobs })
}, 60_000)

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

describe('escalation to the leader in charge', () => {
  it('sends the severely overdue issue privately to the leader, with its team and history; not the fresh one', async () => {
    const text = await h.waitForSay(leader, isEscalation, 20_000)
    expect(text).toMatch(/^🔴 严重超期问题提级 · 电子 #1\n王副区长：您挂点的项目「电子」有一个问题已超期 5 个工作日（办结时限 9月29日），请督办。\n/u)
    expect(text).toContain('问题：征地拆迁还有两户没谈妥')
    expect(text).toContain('责任专班：土地工作专班')
    expect(text).toMatch(/经过：\n9月18日 10:00 提出 · 张三：征地拆迁还有两户没谈妥/u)
    await b.app.drained()
    expect(h.saidIn(leader).filter(isEscalation)).toHaveLength(1)
    expect(h.saidIn(leader).join('\n')).not.toContain('贷款审批')
    // Never into the group.
    expect(h.saidIn(site).filter(isEscalation)).toEqual([])
  })

  it('the digest marks it 已提级', async () => {
    h.say(admin, 'bot', '/简报')
    expect(await h.waitForSay(admin, /督办日报/u)).toContain('🔴 电子 #1 征地拆迁还有两户没谈妥（超期5个工作日，已提级）')
  })

  it('is sent once: not again the next working day', async () => {
    await b.stop()
    clock.set('2026-10-13T10:00:00+08:00')
    b = await startBot(h, { clock, env, dbPath: b.dbPath, jobs })
    // The next day's lists go out; the escalation does not.
    await h.waitForSay(site, /问题督办（10月13日）/u, 20_000)
    await b.app.drained()
    expect(h.saidIn(leader).filter(isEscalation)).toHaveLength(1)
  })
})
