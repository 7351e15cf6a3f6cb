import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

const statusOf = async (roomId: string, number: number) =>
  (
    await b.db
      .selectFrom('issues')
      .innerJoin('projects', 'projects.id', 'issues.project_id')
      .select('issues.status')
      .where('projects.room_id', '=', roomId)
      .where('issues.number', '=', number)
      .executeTakeFirstOrThrow()
  ).status

/** A fresh project group with two open issues of the same team (land) and one of another. */
async function groupWithIssues(topic: string) {
  const zhang = h.contact('张三')
  const li = h.contact('李四')
  const room = h.room(topic, [zhang, li])
  h.say(zhang, room, '征地拆迁还有两户没谈妥')
  await h.waitForSay(room, /已登记问题 #1 · 土地工作专班/)
  h.say(zhang, room, '林地占用手续还没办下来')
  await h.waitForSay(room, /已登记问题 #2 · 土地工作专班/)
  h.say(li, room, '施工用电还没接入，供电局说要等电力设施迁改')
  await h.waitForSay(room, /已登记问题 #3 · 增资扩产和园区建设专班/)
  return { zhang, li, room }
}

describe('a resolution in chat', () => {
  it('closes the only open issue of its team and says how to reopen', async () => {
    const { li, room } = await groupWithIssues('【项目】风电装备推进群')
    h.say(li, room, '供电接入问题已解决')
    const closed = await h.waitForSay(room, /问题 #3.*已办结/)
    expect(closed).toMatch(/\/重开 3/)
    expect(await statusOf(room.id, 3)).toBe('resolved')
  })

  it('closes the issue of its team whose words it shares', async () => {
    const { zhang, room } = await groupWithIssues('【项目】精工模具推进群')
    h.say(zhang, room, '征地问题已经解决了')
    await h.waitForSay(room, /问题 #1.*已办结/)
    expect(await statusOf(room.id, 1)).toBe('resolved')
    expect(await statusOf(room.id, 2)).toBe('open')
  })

  it('asks, listing the candidates, when two issues of the team fit equally', async () => {
    const { zhang, room } = await groupWithIssues('【项目】精密铸造推进群')
    h.say(zhang, room, '土地的问题已经解决了')
    const asked = await h.waitForSay(room, /不确定是哪个问题/)
    expect(asked).toMatch(/#1/)
    expect(asked).toMatch(/#2/)
    expect(await statusOf(room.id, 1)).toBe('open')
    expect(await statusOf(room.id, 2)).toBe('open')
  })

  it('closes the issue whose report is quoted', async () => {
    const { zhang, room } = await groupWithIssues('【项目】半导体封测推进群')
    h.quote(zhang, room, '张三', '林地占用手续还没办下来', '已解决')
    await h.waitForSay(room, /问题 #2.*已办结/)
    expect(await statusOf(room.id, 2)).toBe('resolved')
    expect(await statusOf(room.id, 1)).toBe('open')
  })

  it("closes the issue whose confirmation by the bot is quoted", async () => {
    const { zhang, room } = await groupWithIssues('【项目】生物医药推进群')
    const confirmation = h.saidIn(room).find((t) => t.includes('#1'))!
    h.quote(zhang, room, '督办助手', confirmation, '这个已经解决了')
    await h.waitForSay(room, /问题 #1.*已办结/)
    expect(await statusOf(room.id, 1)).toBe('resolved')
    expect(await statusOf(room.id, 2)).toBe('open')
  })

  it('takes the team from a quoted question when the reply names none', async () => {
    const chen = h.contact('陈主任')
    const zhang = h.contact('张三')
    const room = h.room('【项目】新能源电机推进群', [chen, zhang])
    h.say(zhang, room, '二期用地还有12亩青苗补偿没谈妥')
    await h.waitForSay(room, /已登记问题 #1 · 土地工作专班/)
    h.say(zhang, room, '施工用电还没接入')
    await h.waitForSay(room, /已登记问题 #2 · 增资扩产和园区建设专班/)
    h.say(chen, room, '青苗补偿怎么样了？')
    // The question itself records nothing; the reply quoting it says only "done".
    h.quote(zhang, room, '陈主任', '青苗补偿怎么样了？', '已经协调好了')
    await h.waitForSay(room, /问题 #1（土地工作专班）已办结/)
    expect(await statusOf(room.id, 1)).toBe('resolved')
    expect(await statusOf(room.id, 2)).toBe('open')
  })

  it('closes by command, with how, and reopens', async () => {
    const { li, room } = await groupWithIssues('【项目】新型建材推进群')
    h.say(li, room, '/resolve 2 已协调林业局加急办理')
    expect(await h.waitForSay(room, /问题 #2.*已办结/)).toMatch(/已协调林业局加急办理/)
    h.say(li, room, '/resolve 2')
    expect(await h.waitForSay(room, /已经办结/)).toMatch(/\/重开 2/)
    h.say(li, room, '/reopen 2 林业局又退件了')
    expect(await h.waitForSay(room, /重开/)).toMatch(/#2/)
    expect(await statusOf(room.id, 2)).toBe('reopened')
  })
})

describe('a recall', () => {
  it('retracts the records of the recalled message and says which', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】高端纺织推进群', [zhang])
    const id = h.say(zhang, room, '环评批复还没下来，影响开工')
    await h.waitForSay(room, /已登记问题 #1/)
    h.recall(zhang, room, id)
    expect(await h.waitForSay(room, /撤回/)).toMatch(/已撤销：问题 #1（环保能耗配套和审批专班）/)
    h.say(zhang, room, '/issues')
    expect(await h.waitForSay(room, /未办结问题/)).toMatch(/暂无/)
  })

  it('of a resolution reopens the issue it had closed', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】食品加工推进群', [zhang])
    h.say(zhang, room, '招工难，缺技术工人50名')
    await h.waitForSay(room, /已登记问题 #1/)
    const id = h.say(zhang, room, '用工问题已解决')
    await h.waitForSay(room, /问题 #1.*已办结/)
    h.recall(zhang, room, id)
    expect(await h.waitForSay(room, /撤回/)).toMatch(/问题 #1 恢复为未办结/)
    expect(await statusOf(room.id, 1)).not.toBe('resolved')
  })

  it('of chatter says nothing', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】包装材料推进群', [zhang])
    const id = h.say(zhang, room, '好的收到')
    h.recall(zhang, room, id)
    h.say(zhang, room, '/issues')
    await h.waitForSay(room, /未办结问题/)
    expect(h.saidIn(room)).toHaveLength(1)
  })
})
