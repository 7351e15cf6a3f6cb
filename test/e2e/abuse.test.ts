import { afterAll, beforeAll, expect, it } from 'vitest'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

it('a group owner cannot squat a project name: the group named after the project takes it, and an existing name needs an admin', async () => {
  const squatter = h.contact('群主甲')
  const mine = h.room('甲的小群', [squatter], squatter.id)
  h.say(squatter, mine, '/bind 辛项目')
  await h.waitForSay(mine, /已绑定项目「辛项目」/)

  // The real group speaks for the first time: it is bound, stored and answered.
  const zhang = h.contact('张三')
  const real = h.room('【项目】辛项目推进群', [zhang])
  h.say(zhang, real, '施工许可证还没批下来')
  await h.waitForSay(real, /已登记问题 #1/)
  h.say(zhang, real, '/status')
  expect(await h.waitForSay(real, /项目「辛项目」/)).toMatch(/#1/)
  // The squatter's group is no longer the project's.
  h.say(squatter, mine, '/help')
  await h.waitForSay(mine, /尚未绑定项目/)

  // Another owner may not bind an existing project; an admin may, once it is free.
  const owner = h.contact('群主乙')
  const admin = h.admin()
  const theirs = h.room('乙的小群', [owner, admin], owner.id)
  h.say(owner, theirs, '/bind 辛项目')
  expect(await h.waitForSay(theirs, /辛项目/)).toMatch(/已存在，绑定到已有项目请由管理员操作/)
  h.say(admin, theirs, '/bind 辛项目')
  expect(await h.waitForSay(theirs, /辛项目/)).toMatch(/已绑定在另一个群/)
}, 30_000)

it('logs a group whose name is taken by another bound group once, not once per message', async () => {
  const zhang = h.contact('张三')
  const first = h.room('【项目】庚项目推进群', [zhang])
  h.say(zhang, first, '项目已正式签约')
  await h.waitForSay(first, /已记录节点：签约/)
  // Released, then bound again by an admin in a group with another name: the name is taken for good.
  const admin = h.admin()
  h.say(admin, first, '/unbind')
  await h.waitForSay(first, /已解除/)
  const other = h.room('庚项目协调群', [admin], admin.id)
  h.say(admin, other, '/bind 庚项目')
  await h.waitForSay(other, /已绑定项目「庚项目」/)
  const copy = h.room('【项目】庚项目推进群', [zhang])
  for (let i = 0; i < 5; i++) h.say(zhang, copy, `第${i + 1}条`)
  // The bind and unbind above log the project's name too: wait for the line about the copy itself
  // (under load the first line with the name came before the copy's messages did).
  const aboutCopy = (l: string) => l.includes(copy.id) || (l.includes('【项目】庚项目推进群') && l.includes('已绑定在另一个群'))
  await waitFor(() => b.logs.some(aboutCopy), 5_000, () => b.logs.join('\n'))
  await b.app.drained()
  expect(b.logs.filter(aboutCopy)).toHaveLength(1)
  expect(h.saidIn(copy)).toEqual([])
}, 30_000)

it('/assign takes the name from WeChat, never from the arguments', async () => {
  const zhang = h.contact('张三')
  const wang = h.contact('王总')
  const room = h.room('【项目】指派推进群', [zhang, wang])
  h.say(wang, room, '征地拆迁还有两户没谈妥')
  await h.waitForSay(room, /已登记问题 #1/)
  h.say(zhang, room, "/assign 1 @'); DROP TABLE people;--", [wang])
  expect(await h.waitForSay(room, /#1 由/)).toBe('问题 #1 由 王总 负责。')
  h.say(zhang, room, '/issues')
  expect(await h.waitForSay(room, /未办结问题/)).toMatch(/#1 土地工作专班 · 王总 · .*负责：王总/)
  const names = await b.db.selectFrom('people').select('name').where('wechat_id', '=', wang.id).execute()
  expect(names).toEqual([{ name: '王总' }])
}, 30_000)

it('never echoes a long input back: one short reply each', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】回显推进群', [zhang])
  h.say(zhang, room, '征地拆迁还有两户没谈妥')
  await h.waitForSay(room, /已登记问题 #1/)
  h.say(zhang, room, `/${'长'.repeat(20_000)}`)
  expect((await h.waitForSay(room, /没有/)).length).toBeLessThan(200)
  h.say(zhang, room, `/assign 1 ${'名'.repeat(10_000)}`)
  expect((await h.waitForSay(room, /没有找到/)).length).toBeLessThan(200)
  h.say(zhang, room, `/reopen 1 ${'因'.repeat(10_000)}`)
  expect((await h.waitForSay(room, /尚未办结/)).length).toBeLessThan(200)
  await b.app.drained()
  expect(h.saidIn(room)).toHaveLength(4)
}, 30_000)

it('a recall acts only on a message of the same group and sender', async () => {
  const zhang = h.contact('张三')
  const li = h.contact('李四')
  const a = h.room('【项目】收回甲推进群', [zhang, li])
  const other = h.room('【项目】收回乙推进群', [zhang, li])
  const raised = h.say(zhang, a, '征地拆迁还有两户没谈妥')
  await h.waitForSay(a, /已登记问题 #1/)
  h.say(zhang, other, '项目已正式签约')
  await h.waitForSay(other, /已记录节点：签约/)
  // Group B carries group A's message id; then someone else in group A.
  h.recall(zhang, other, raised)
  h.recall(li, a, raised)
  await b.app.drained()
  h.say(zhang, a, '/issues')
  expect(await h.waitForSay(a, /未办结问题/)).toMatch(/#1 土地工作专班/)
  expect(h.saidIn(other)).toEqual([expect.stringMatching(/^已记录节点：签约（/u)])
  expect(h.saidIn(a).filter((t) => t.includes('已撤销'))).toEqual([])
  // The sender's own recall, in the group, still takes it back.
  h.recall(zhang, a, raised)
  expect(await h.waitForSay(a, /撤回了一条消息，已撤销：问题 #1/)).toBe('张三撤回了一条消息，已撤销：问题 #1（土地工作专班）')
}, 30_000)

it('/status 名称 tells a member the same whether the project exists or not', async () => {
  const member = h.contact('成员甲')
  const room = h.room('【项目】探名甲推进群', [member], h.admin().id)
  const other = h.room('【项目】探名乙推进群', [member], h.admin().id)
  // Both groups speak, so both projects exist.
  for (const r of [room, other]) {
    h.say(member, r, '施工许可证还没批下来')
    await h.waitForSay(r, /已登记问题/)
  }
  h.say(member, room, '/status 探名乙')
  const exists = await h.waitForSay(room, /仅限管理员|没有名为/)
  h.say(member, room, '/status 不存在的项目')
  const missing = await h.waitForSay(room, /仅限管理员|没有名为/)
  expect(exists).toBe('查看其他项目仅限管理员。')
  expect(missing).toBe(exists)
})

it('/bind refuses a name holding a newline, a direction override, control or only invisible characters, and never echoes it', async () => {
  const owner = h.contact('群主乙')
  const room = h.room('乙的工作群', [owner], owner.id)
  const before = await b.db.selectFrom('projects').select('id').execute()
  for (const name of ['甲项目\n乙项目', '甲\u202E目项乙', '\u200B\u200B', '甲\u0007项目']) {
    h.say(owner, room, `/bind ${name}`)
    const reply = await h.waitForSay(room, () => true)
    expect(reply).toMatch(/^项目名称不能含换行、控制字符或看不见的字符/u)
    expect(reply).not.toContain(name.trim())
  }
  expect(await b.db.selectFrom('projects').select('id').execute()).toHaveLength(before.length)
})

it('/assign 1 @张工 @王总 gives the issue to the first named', async () => {
  const reporter = h.contact('报告人')
  const zhangGong = h.contact('张工')
  const wangZong = h.contact('王总')
  const room = h.room('【项目】两人指派推进群', [reporter, zhangGong, wangZong])
  h.say(reporter, room, '征地拆迁还有两户没谈妥')
  await h.waitForSay(room, /已登记问题 #1/)
  h.say(reporter, room, '/assign 1 @张工\u2005@王总\u2005', [zhangGong, wangZong])
  expect(await h.waitForSay(room, /#1 由/)).toBe('问题 #1 由 张工 负责。')
})
