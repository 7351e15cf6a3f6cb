import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

const messageCount = async () => Number((await b.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('a group whose topic matches the pattern', () => {
  it('is bound on first sight, records progress quietly and confirms an issue', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】年产10万吨新材料推进群', [zhang])
    const progress = h.say(zhang, room, '厂房主体结构已完成60%，预计5月底封顶')
    h.say(zhang, room, '施工用电还没接入，供电局说要等电力设施迁改')
    const confirmation = await h.waitForSay(room, /已登记问题 #1/)
    expect(confirmation).toMatch(/增资扩产和园区建设专班 · \d+月\d+日前办结/)
    // CONFIRM=issues (the default): plain progress is kept without a reply of its own.
    await b.handled(progress)
    expect(h.saidIn(room)).toEqual([confirmation])
    const stored = await b.db.selectFrom('progress_updates').select(['percent', 'due_on']).where('summary', 'like', '厂房主体%').executeTakeFirstOrThrow()
    expect(stored).toEqual({ percent: 60, due_on: expect.stringMatching(/-05-31$/) })
    const project = await b.db.selectFrom('projects').selectAll().where('room_id', '=', room.id).executeTakeFirstOrThrow()
    expect(project.name).toBe('年产10万吨新材料')
  })

  it('stores chatter without replying, and never parses its own messages', async () => {
    const li = h.contact('李四')
    const room = h.room('【项目】智能装备产业园工作群', [li])
    h.say(li, room, '收到，谢谢')
    h.say(li, room, '明天上午开调度会')
    // Messages are handled in order: once /status is answered, the chatter before it was handled.
    h.say(li, room, '/status')
    await h.waitForSay(room, /项目「智能装备产业园」/)
    expect(h.saidIn(room)).toHaveLength(1)
    const stored = await b.db.selectFrom('messages').select('text').where('room_id', '=', room.id).execute()
    expect(stored.map((m) => m.text)).toEqual(['收到，谢谢', '明天上午开调度会', '/status'])
  })

  it('keeps an emoji-only message and a 20,000-character message without a fuss', async () => {
    const wang = h.contact('王五')
    const room = h.room('【项目】锂电池隔膜群', [wang])
    h.say(wang, room, '👍👍🎉')
    const long = `${'项目推进情况汇报。'.repeat(2222)}12`
    expect(long.length).toBe(20_000)
    h.say(wang, room, long)
    const stored = await waitFor(
      async () => {
        const rows = await b.db.selectFrom('messages').select(['text', 'cut']).where('room_id', '=', room.id).orderBy('id').execute()
        return rows.length === 2 && rows
      },
      10_000,
      () => 'both messages stored',
    )
    expect(stored).toEqual([
      { text: '👍👍🎉', cut: 0 },
      { text: long, cut: 0 },
    ])
    expect(b.logs.filter((l) => l.startsWith('error'))).toEqual([])
  })

  it('re-binds a known group found under a new id instead of making a second project', async () => {
    const zhao = h.contact('赵六')
    const first = h.room('【项目】光伏组件推进群', [zhao])
    h.say(zhao, first, '项目已正式签约')
    await h.waitForSay(first, /已记录节点：签约/)
    // After a re-login the account is in the same group under a new id; the old id is gone.
    h.mocker.cacheRoomPayload.delete(first.id)
    const again = h.room('【项目】光伏组件推进群', [zhao])
    h.say(zhao, again, '土地已摘牌')
    await h.waitForSay(again, /已记录节点：供地/)
    const projects = await b.db.selectFrom('projects').selectAll().where('name', '=', '光伏组件').execute()
    expect(projects).toHaveLength(1)
    expect(projects[0]!.room_id).toBe(again.id)
    expect(b.logs.some((l) => l.includes('换了群 id（微信重新登录后常见），已接续原项目'))).toBe(true)
  })

  it('does not let a look-alike group take a project whose group still exists', async () => {
    const sun = h.contact('孙八')
    const real = h.room('【项目】储能电池推进群', [sun])
    h.say(sun, real, '项目已正式签约')
    await h.waitForSay(real, /已记录节点：签约/)
    const copy = h.room('【项目】储能电池推进群', [sun])
    h.say(sun, copy, '土地已摘牌')
    await waitFor(() => b.logs.some((l) => l.includes('原项目群仍在：这个新群不绑定')), 5_000, () => 'the look-alike was not refused')
    const [project] = await b.db.selectFrom('projects').selectAll().where('name', '=', '储能电池').execute()
    expect(project!.room_id).toBe(real.id)
    h.say(sun, real, '/状态')
    expect(await h.waitForSay(real, /储能电池/)).toMatch(/^📋 项目「储能电池」\n节点：签约/)
    expect(h.saidIn(copy)).toEqual([])
  })
})

describe('a group that is not a project group', () => {
  it('is left alone: nothing stored, no reply to chat, one line to each of the bot\'s commands', async () => {
    const before = await messageCount()
    const qian = h.contact('钱七')
    const owner = h.contact('群主甲')
    const room = h.room('周末羽毛球', [qian, owner], owner.id)
    h.say(qian, room, '施工用电还没接入')
    h.say(qian, room, '/status')
    h.say(qian, room, '/bind 羽毛球项目')
    h.say(qian, room, '/help')
    // Nothing is stored here to wait on: wait for the three answers (replies waiting together go
    // out as one message, a line each), then for anything more.
    await waitFor(() => h.linesIn(room).length >= 3, 10_000, () => JSON.stringify(h.saidIn(room)))
    await b.app.drained()
    // /status and /help: who may bind; a member's /bind: who may run it. A line each, nothing more.
    const hint = '本群尚未绑定项目，我不会记录这里的消息。管理员或群主可发 /绑定 项目名称 绑定。'
    expect([...h.linesIn(room)].sort()).toEqual([hint, hint, '/绑定 仅限管理员或群主使用。'].sort())
    expect(await messageCount()).toBe(before)
  })
})

describe('a message delivered twice', () => {
  it('is stored and answered once', async () => {
    const sun = h.contact('孙八')
    const room = h.room('【项目】新能源汽车零部件群', [sun])
    const id = h.say(sun, room, '施工许可证还没批下来')
    await h.waitForSay(room, /已登记问题 #1/)
    h.puppet.emit('message', { messageId: id })
    h.say(sun, room, '/issues')
    await h.waitForSay(room, /未办结问题/)
    expect(h.saidIn(room).filter((t) => t.includes('已登记问题'))).toHaveLength(1)
    const issues = await b.db.selectFrom('issues').selectAll().innerJoin('projects', 'projects.id', 'issues.project_id').where('projects.room_id', '=', room.id).execute()
    expect(issues).toHaveLength(1)
  })
})

describe('a private command delivered twice', () => {
  it('is answered once, as a group command is', async () => {
    const admin = h.admin()
    const id = h.say(admin, 'bot', '/status')
    await h.waitForSay(admin, () => true)
    h.puppet.emit('message', { messageId: id })
    // A later message, answered after the second delivery was handled (one inbox, in order).
    h.say(admin, 'bot', '/help')
    await h.waitForSay(admin, /\/状态/)
    await b.app.drained()
    expect(h.saidIn(admin)).toHaveLength(2)
  })

  it('in a group bound to no project, too', async () => {
    const zheng = h.contact('郑十')
    const room = h.room('闲聊群', [zheng])
    const id = h.say(zheng, room, '/bind 某项目')
    await h.waitForSay(room, /仅限管理员或群主|已绑定/)
    h.puppet.emit('message', { messageId: id })
    h.say(zheng, room, '/status')
    await h.waitForSay(room, /项目「某项目」\n/)
    await b.app.drained()
    expect(h.saidIn(room)).toHaveLength(2)
  })
})

describe('a message with progress and an issue', () => {
  it('is confirmed in one reply', async () => {
    const zhou = h.contact('周九')
    const room = h.room('【项目】电子信息推进群', [zhou])
    h.say(zhou, room, '主体结构已完成80%，但是施工许可证还没批下来')
    const reply = await h.waitForSay(room, /已记录进度/)
    expect(reply).toMatch(/80%[\s\S]*已登记问题 #1/)
  })
})

describe('a picture in a project group', () => {
  it('is kept in the ledger as a placeholder and not answered', async () => {
    const wu = h.contact('吴十')
    const room = h.room('【项目】新材料二期推进群', [wu])
    // A file that is no picture: kept as a placeholder, nothing said (photos: test/e2e/photos.test.ts).
    h.photo(wu, room, Buffer.from('会议纪要'), '纪要.txt')
    h.say(wu, room, '/issues')
    await h.waitForSay(room, /未办结问题/)
    expect(h.saidIn(room)).toHaveLength(1)
    const stored = await b.db.selectFrom('messages').select('text').where('room_id', '=', room.id).orderBy('id').execute()
    expect(stored.map((m) => m.text)).toEqual(['[非文字消息]', '/issues'])
  })
})
