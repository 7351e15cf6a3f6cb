/**
 * The ledger a careful official would keep, over the real wire: the four failures found by trying
 * the console (issue 9) and a problem that comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

/** Every issue of the group: number, team, status, and how many follow-ups it has. */
async function ledgerOf(roomId: string) {
  const issues = await b.db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .select(['issues.id', 'issues.number', 'issues.category', 'issues.status'])
    .where('projects.room_id', '=', roomId)
    .where('issues.retracted_at', 'is', null)
    .orderBy('issues.number')
    .execute()
  const events = await b.db.selectFrom('issue_events').select(['issue_id', 'kind', 'recurs']).where('kind', 'in', ['followed-up', 'opened']).execute()
  return issues.map((i) => ({
    number: i.number,
    category: i.category,
    status: i.status,
    followUps: events.filter((e) => e.issue_id === i.id && e.kind === 'followed-up').length,
    recurs: events.find((e) => e.issue_id === i.id && e.kind === 'opened')?.recurs ?? null,
  }))
}

describe('a weekly report with numbered problems', () => {
  it('raises one issue per problem, each with its own team, whatever courtesy closes it', async () => {
    const wang = h.contact('王经理')
    const room = h.room('【项目】周报测试推进群', [wang])
    h.say(
      wang,
      room,
      [
        '本周项目周报',
        '一、进展：厂房主体结构完成60%，预计5月底封顶。',
        '二、存在问题：',
        '1. 二期用地还有两户的青苗补偿没谈妥，影响场地平整；',
        '2. 固定资产贷款1.5亿元还卡在银行审批，设备款下月要付；',
        '3. 厂区东侧道路还没修通，大车进不来。',
        '请各位领导审阅。',
      ].join('\n'),
    )
    const reply = await h.waitForSay(room, /已登记问题 #3/)
    expect(reply).toMatch(/已记录进度：60%/)
    expect(reply).toMatch(/#1 · 土地工作专班/)
    expect(reply).toMatch(/#2 · 金融工作专班/)
    expect(reply).toMatch(/#3 · 增资扩产和园区建设专班/)
    expect((await ledgerOf(room.id)).map((i) => i.category)).toEqual(['land', 'finance', 'infrastructure'])
  })
})

describe('follow-ups of an open problem', () => {
  it('join the issue instead of opening a second one, and say which', async () => {
    const chen = h.contact('陈厂长')
    const liang = h.contact('梁科')
    const room = h.room('【项目】跟进测试推进群', [chen, liang])
    h.say(chen, room, '钢结构焊工缺口约20人，施工单位招不到人')
    await h.waitForSay(room, /已登记问题 #1 · 用工保障专班/)
    h.say(chen, room, '用工问题还没解决，人社局说下周组织专场招聘会')
    expect(await h.waitForSay(room, /已记入问题 #1 的跟进/)).not.toMatch(/已登记/)
    // A department's word on how the issue is handled is noted, without a reply.
    h.say(liang, room, '下周三上午在园区服务中心办专场招聘会，请企业把岗位需求报给我')
    h.say(chen, room, '/resolve 1 招聘会招到14个焊工')
    await h.waitForSay(room, /问题 #1（用工保障专班）已办结/)
    const [issue, ...others] = await ledgerOf(room.id)
    expect(others).toEqual([])
    expect(issue).toMatchObject({ number: 1, status: 'resolved', followUps: 2 })
  })

  it('a deadline set later becomes the issue\'s due date', async () => {
    const long = h.contact('龙局')
    const room = h.room('【项目】期限测试推进群', [long])
    h.say(long, room, '项目用地还有9户房屋拆迁没谈下来')
    await h.waitForSay(room, /已登记问题 #1 · 土地工作专班/)
    h.say(long, room, '拆迁的事请镇里牵头，4月15号前要全部签完协议')
    const said = await h.waitForSay(room, /已记入问题 #1 的跟进/)
    const due = await b.db.selectFrom('issues').innerJoin('projects', 'projects.id', 'issues.project_id').select('issues.due_on').where('projects.room_id', '=', room.id).executeTakeFirstOrThrow()
    expect(due.due_on).toMatch(/-04-15$/)
    // Next year's April carries its year ("2027年4月15日"), this year's does not.
    const year = due.due_on!.slice(0, 4)
    expect(said).toContain(`期限改为 ${year === new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' }).slice(0, 4) ? '' : `${year}年`}4月15日`)
  })
})

describe('a resolution by what it says', () => {
  it('closes the issue whose words it shares, not the other one of the team', async () => {
    const zhao = h.contact('赵经理')
    const room = h.room('【项目】内容办结测试推进群', [zhao])
    h.say(zhao, room, '临时用电容量不够，设备调试时老跳闸')
    await h.waitForSay(room, /已登记问题 #1 · 增资扩产和园区建设专班/)
    h.say(zhao, room, '厂区门口道路坑洼不平，大车进出不便')
    await h.waitForSay(room, /已登记问题 #2 · 增资扩产和园区建设专班/)
    h.say(zhao, room, '临时用电容量的问题已经解决了，供电局今天增容了')
    await h.waitForSay(room, /问题 #1（增资扩产和园区建设专班）已办结/)
    expect((await ledgerOf(room.id)).map((i) => [i.number, i.status])).toEqual([
      [1, 'resolved'],
      [2, 'open'],
    ])
    expect(h.saidIn(room).some((t) => t.includes('不确定是哪个问题'))).toBe(false)
  })

  it('does not close, nor offer, the issue the same message says is still open', async () => {
    const he = h.contact('何经理')
    const room = h.room('【项目】同条跟进测试推进群', [he])
    h.say(he, room, '周边居民投诉夜间施工噪音，要求3个工作日内回复')
    await h.waitForSay(room, /已登记问题 #1 · 环保能耗配套和审批专班/)
    h.say(he, room, '环评批复已经拿到了，但噪音投诉还没回复')
    expect(await h.waitForSay(room, /已记入问题 #1 的跟进/)).not.toMatch(/已登记问题 #2/)
    await b.app.drained()
    expect(h.saidIn(room).some((t) => /不确定是哪个问题|问题 #1.*已办结/u.test(t))).toBe(false)
    expect((await ledgerOf(room.id)).map((i) => [i.number, i.status])).toEqual([[1, 'open']])
  })
})

describe('a problem that comes back after it was closed', () => {
  it('opens a new issue that names the old one', async () => {
    const zhang = h.contact('张工')
    const room = h.room('【项目】复发测试推进群', [zhang])
    h.say(zhang, room, '施工临时用电还没接入，请供电局尽快接入')
    await h.waitForSay(room, /已登记问题 #1/)
    h.say(zhang, room, '临时用电已经接通了，谢谢供电局')
    await h.waitForSay(room, /问题 #1.*已办结/)
    h.say(zhang, room, '临时用电又停了，箱变跳闸，桩机全部停工')
    expect(await h.waitForSay(room, /已登记问题 #2/)).toMatch(/#1 办结后再次出现/)
    expect((await ledgerOf(room.id))[1]).toMatchObject({ number: 2, status: 'open', recurs: 1 })
  })
})
