import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

const issuesOf = (roomId: string) =>
  b.db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .select(['issues.id', 'issues.number', 'issues.status', 'issues.due_on', 'issues.summary'])
    .where('projects.room_id', '=', roomId)
    .orderBy('issues.number')
    .execute()

/** The events of the issue that a WeChat message made. */
const eventsBy = (wechatId: string) =>
  b.db
    .selectFrom('issue_events')
    .innerJoin('messages', 'messages.id', 'issue_events.message_id')
    .select(['issue_events.issue_id', 'issue_events.kind', 'issue_events.note', 'issue_events.due_on'])
    .where('messages.wechat_id', '=', wechatId)
    .execute()

const progressBy = (wechatId: string) =>
  b.db.selectFrom('progress_updates').innerJoin('messages', 'messages.id', 'progress_updates.message_id').select('progress_updates.id').where('messages.wechat_id', '=', wechatId).execute()

/** A project group where the enterprise has reported two problems of one team (infrastructure). */
async function waterAndGas(topic: string) {
  const boss = h.contact('企业-何经理')
  const dept = h.contact('燃气公司-邝工')
  const room = h.room(topic, [boss, dept])
  h.say(boss, room, '厂区供水管还没接通，工地靠水车拉水')
  await h.waitForSay(room, /已登记问题 #1 · 增资扩产和园区建设专班/)
  h.say(boss, room, '锅炉用的天然气还没通到厂里，没法试生产')
  await h.waitForSay(room, /已登记问题 #2 · 增资扩产和园区建设专班/)
  return { boss, dept, room }
}

describe('a completion is matched to what is open', () => {
  it('closes, of two open issues of one team, the one its words are about', async () => {
    const { boss, room } = await waterAndGas('【项目】澜湾饮品推进群')
    h.say(boss, room, '供水管已经接通了，水车可以撤了')
    await h.waitForSay(room, /问题 #1.*已办结/)
    expect((await issuesOf(room.id)).map((i) => [i.number, i.status])).toEqual([
      [1, 'resolved'],
      [2, 'open'],
    ])
  })

  it('a completion no open issue is about closes nothing and asks no "which issue?"', async () => {
    const { boss, room } = await waterAndGas('【项目】澜湾二期推进群')
    const id = h.say(boss, room, '食堂装修合同已经签了')
    await b.handled(id)
    expect(h.saidIn(room).filter((t) => /不确定是哪个问题|已办结/.test(t))).toEqual([])
    expect((await issuesOf(room.id)).map((i) => i.status)).toEqual(['open', 'open'])
  })
})

describe('a department’s answer about an open issue', () => {
  it('a date in its reply moves the due date of the issue, with an event, and the group hears it', async () => {
    const { dept, room } = await waterAndGas('【项目】澜湾三期推进群')
    const [, gas] = await issuesOf(room.id)
    const id = h.say(dept, room, '燃气公司回复，管道计划下周五前接到厂区')
    const said = await h.waitForSay(room, /已记入问题 #2 的跟进，期限改为/)
    const [, after] = await issuesOf(room.id)
    expect(after!.due_on).not.toBe(gas!.due_on)
    expect(said).toContain('期限改为')
    // The event keeps the fact (the new deadline); the board words it (web/words.ts).
    expect(await eventsBy(id)).toEqual([{ issue_id: gas!.id, kind: 'followed-up', note: '燃气公司回复，管道计划下周五前接到厂区', due_on: after!.due_on }])
  })

  it('its own plan is a follow-up of that issue, not the project’s progress', async () => {
    const boss = h.contact('企业-曾总')
    const bureau = h.contact('人社局-胡股长')
    const room = h.room('【项目】澜湾电机推进群', [boss, bureau])
    h.say(boss, room, '机修工和电工招不到人，投产前要到位')
    await h.waitForSay(room, /已登记问题 #1 · 用工保障专班/)
    const [workers] = await issuesOf(room.id)
    const id = h.say(bureau, room, '收到，下周三职业学校有个校企对接会，我帮你们报名')
    await b.handled(id)
    expect(await progressBy(id)).toEqual([])
    expect(await eventsBy(id)).toMatchObject([{ issue_id: workers!.id, kind: 'followed-up', note: expect.stringContaining('校企对接会') }])
  })
})

describe('what the ledger shows of a message', () => {
  it('keeps the sender’s own characters: Traditional stays Traditional, full-width stays full-width', async () => {
    const boss = h.contact('港商-Ivy')
    const room = h.room('【项目】澜湾包装推进群', [boss])
    h.say(boss, room, '２號廠房嘅施工許可證仲未批落嚟，好急！')
    const said = await h.waitForSay(room, /已登记问题 #1/)
    const [issue] = await issuesOf(room.id)
    expect(issue!.summary).toMatch(/^２號廠房嘅施工許可證仲未批落嚟/u)
    expect(said).toContain('２號廠房嘅施工許可證仲未批落嚟')
  })
})
