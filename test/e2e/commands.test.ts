import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

/** A bound project group with one open land issue (#1), and the people in it. */
async function projectGroup(topic: string) {
  const zhang = h.contact('张三')
  const li = h.contact('李四')
  const admin = h.admin()
  const room = h.room(topic, [zhang, li, admin])
  h.say(zhang, room, '征地拆迁还有两户没谈妥')
  await h.waitForSay(room, /已登记问题 #1/)
  /** Says a line and returns the bot's answer to it. */
  const ask = async (who: typeof zhang, text: string, expected: RegExp = /[\s\S]/) => {
    h.say(who, room, text)
    return h.waitForSay(room, expected)
  }
  return { zhang, li, admin, room, ask }
}

describe('help and unknown commands', () => {
  it('/help and /帮助 list every command by its Chinese name', async () => {
    const { zhang, ask } = await projectGroup('【项目】命令甲推进群')
    const help = await ask(zhang, '/help')
    for (const word of ['/状态', '/问题', '/解决', '/重开', '/指派', '/进度', '/上报', '/撤销', '/静音', '/白板', '/导出']) {
      expect(help).toContain(word)
    }
    expect(await ask(zhang, '/帮助')).toBe(help)
  })

  it('an unknown command gets the nearest one and /help', async () => {
    const { zhang, ask } = await projectGroup('【项目】命令乙推进群')
    expect(await ask(zhang, '/stauts')).toMatch(/没有 \/stauts.*\/状态.*\/帮助/s)
    expect(await ask(zhang, '/xyzzy')).toMatch(/没有 \/xyzzy.*\/帮助/s)
  })

  it('accepts the full-width slash, full-width arguments and a leading @mention', async () => {
    const { zhang, room, ask } = await projectGroup('【项目】命令丙推进群')
    expect(await ask(zhang, '／解决　＃１　已协调', /已办结/)).toMatch(/#1.*已协调/s)
    h.sayToBot(zhang, room, '/状态')
    expect(await h.waitForSay(room, /项目「命令丙」/)).toMatch(/未办结问题：无/)
  })
})

describe('issue commands', () => {
  it('wrong arguments get the usage; unknown numbers a clear answer', async () => {
    const { zhang, ask } = await projectGroup('【项目】命令丁推进群')
    expect(await ask(zhang, '/resolve')).toMatch(/用法：\/解决 编号/)
    expect(await ask(zhang, '/resolve abc')).toMatch(/用法：\/解决 编号/)
    expect(await ask(zhang, '/resolve 9 已办')).toMatch(/没有 #9 号问题/)
    expect(await ask(zhang, '/reopen 9')).toMatch(/没有 #9 号问题/)
    expect(await ask(zhang, '/reopen 1')).toMatch(/尚未办结/)
    expect(await ask(zhang, '/assign 1')).toMatch(/用法：\/指派/)
    expect(await ask(zhang, '/assign 9 @李四')).toMatch(/没有 #9 号问题/)
    expect(await ask(zhang, '/issues 乱写')).toMatch(/用法：\/问题/)
    expect(await ask(zhang, '/quiet maybe')).toMatch(/用法：\/静音/)
    expect(await ask(zhang, '/progress')).toMatch(/用法：\/进度/)
    expect(await ask(zhang, '/report')).toMatch(/用法：\/上报/)
    expect(await ask(zhang, '/undo 3')).toMatch(/用法：\/撤销/)
  })

  it('/assign names who is responsible; /issues shows it', async () => {
    const { zhang, li, room, ask } = await projectGroup('【项目】命令戊推进群')
    // 李四 has not spoken here yet: WeChat's mention list tells who "@李四" is.
    h.say(zhang, room, '/assign 1 @李四\u2005', [li])
    expect(await h.waitForSay(room, /#1 由 李四 负责/)).toBe('问题 #1 由 李四 负责。')
    expect(await ask(zhang, '/issues')).toMatch(/#1 土地工作专班 · 张三 · (今天提出|不到1个工作日|已\d+个工作日) · .*负责：李四/)
    expect(await ask(zhang, '/指派 1 @王麻子')).toMatch(/没有找到“王麻子”/)
    // "@督办助手 /assign 1 @赵六" with 赵六 typed by hand: the only listed mention is the bot.
    h.say(zhang, room, `@${h.botUser.payload.name}\u2005/assign 1 @赵六`, [h.botUser])
    expect(await h.waitForSay(room, /没有找到“赵六”/)).toMatch(/^群里没有找到“赵六”，请用 @ 选择负责人。\n用法：\/指派/)
  })

  it('/report and /progress record what the parser would not', async () => {
    const { li, ask } = await projectGroup('【项目】命令己推进群')
    expect(await ask(li, '/report 外商投资备案系统卡住了')).toMatch(/已登记问题 #2 · /)
    expect(await ask(li, '/进度 设备进场调试')).toMatch(/已记录进度：设备进场调试/)
    expect(await ask(li, '/issues')).toMatch(/#2[\s\S]*外商投资备案系统卡住了/)
  })

  it('/issues all lists resolved ones too; /status shows the picture', async () => {
    const { zhang, room, ask } = await projectGroup('【项目】命令庚推进群')
    await ask(zhang, '/resolve 1 已签拆迁协议', /已办结/)
    expect(await ask(zhang, '/issues')).toMatch(/暂无/)
    expect(await ask(zhang, '/问题 all')).toMatch(/最近办结：[\s\S]*✅ #1/)
    // Plain progress is recorded without a reply (CONFIRM=issues): handled first, /status shows it.
    await b.handled(h.say(zhang, room, '厂房主体结构已完成60%'))
    const status = await ask(zhang, '/status')
    expect(status).toMatch(/项目「命令庚」/)
    expect(status).toMatch(/最新进度（.*张三）：厂房主体结构已完成60%/)
  })

  it('/undo takes back the sender’s last record only', async () => {
    const { zhang, li, ask } = await projectGroup('【项目】命令辛推进群')
    expect(await ask(li, '/undo')).toMatch(/还没有可撤销的记录/)
    expect(await ask(zhang, '/撤销')).toMatch(/已撤销：问题 #1/)
    expect(await ask(zhang, '/issues')).toMatch(/暂无/)
  })
})

describe('admin commands', () => {
  it('/stage is for admins; admins record a stage today or on a date', async () => {
    const { zhang, admin, ask } = await projectGroup('【项目】命令壬推进群')
    expect(await ask(zhang, '/stage 动工')).toMatch(/仅限管理员/)
    expect(await ask(admin, '/stage 起飞')).toMatch(/用法：\/节点/)
    // Last year's dates: always in the past, and always shown with their year.
    const year = Number(new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1
    expect(await ask(admin, `/stage 签约 ${year}-03-02`)).toBe(`已记录节点：签约（${year}年3月2日）`)
    expect(await ask(admin, `/节点 动工 ${year}.5.10`)).toBe(`已记录节点：动工（${year}年5月10日）`)
    expect(await ask(admin, '/stage 投产 2099-01-01')).toMatch(/不能晚于今天/)
    expect(await ask(admin, '/stage 签约 0001-01-01')).toMatch(/太早了/)
    expect(await ask(zhang, '/status')).toMatch(new RegExp(`节点：签约 ${year}年3月2日 → 动工 ${year}年5月10日`))
  })

  it('/bind and /unbind: admins and the group owner only', async () => {
    const owner = h.contact('群主')
    const other = h.contact('路人')
    const admin = h.admin()
    const room = h.room('化工园区协调', [owner, other, admin], owner.id)
    h.say(other, room, '/bind 化工园区')
    h.say(owner, room, '/bind 化工园区')
    expect(await h.waitForSay(room, /已绑定项目「化工园区」/)).toMatch(/^已绑定项目「化工园区」。从现在起/)
    // A member's /bind in the unbound group is told, in one line, who may bind it.
    expect(h.saidIn(room)).toEqual(['/绑定 仅限管理员或群主使用。', expect.stringMatching(/^已绑定项目「化工园区」/)])
    expect(await h.waitForSay(room, /仅限管理员或群主/)).toBe('/绑定 仅限管理员或群主使用。')
    h.say(other, room, '/unbind')
    expect(await h.waitForSay(room, /仅限管理员或群主/)).toBe('/解绑 仅限管理员或群主使用。')
    h.say(admin, room, '/bind 别的')
    expect(await h.waitForSay(room, /已绑定项目「化工园区」/)).toMatch(/先 \/解绑/)
    h.say(other, room, '环评批复还没下来')
    await h.waitForSay(room, /已登记问题 #1/)
    h.say(admin, room, '/解绑')
    expect(await h.waitForSay(room, /已解除/)).toMatch(/\/绑定 化工园区/)
    h.say(other, room, '能评还没批')
    h.say(other, room, '/help')
    await h.waitForSay(room, /尚未绑定项目/)
    h.say(admin, room, '/绑定 化工园区')
    await h.waitForSay(room, /已绑定项目「化工园区」/)
    h.say(other, room, '/issues')
    expect(await h.waitForSay(room, /未办结问题/)).toMatch(/#1/)
  })

  it('a group bound by topic stays released after /unbind', async () => {
    const { admin, li, room, ask } = await projectGroup('【项目】命令癸推进群')
    await ask(admin, '/unbind', /已解除/)
    h.say(li, room, '环评批复还没下来')
    h.say(li, room, '/help')
    await h.waitForSay(room, /尚未绑定项目/)
    expect(h.saidIn(room).filter((t) => t.includes('已登记问题'))).toHaveLength(1)
  })
})

describe('/quiet', () => {
  it('turns confirmations off and on; commands still answer', async () => {
    const { zhang, room, ask } = await projectGroup('【项目】静音推进群')
    expect(await ask(zhang, '/quiet on')).toMatch(/已静音/)
    h.say(zhang, room, '林地占用手续还没办下来')
    expect(await ask(zhang, '/issues', /未办结问题/)).toMatch(/#2/)
    expect(h.saidIn(room).some((t) => t.includes('#2 · '))).toBe(false)
    expect(await ask(zhang, '/静音 关')).toMatch(/已取消静音/)
    expect(await ask(zhang, '安全隐患整改还没完成')).toMatch(/已登记问题 #3/)
  })
})

describe('private chat', () => {
  it('admins get all-projects views; anyone else one line', async () => {
    await projectGroup('【项目】私聊甲推进群')
    const admin = h.admin()
    const stranger = h.contact('陌生人')
    h.say(stranger, 'bot', '/status')
    expect(await h.waitForSay(stranger, /私聊查询仅对管理员开放/)).not.toMatch(/\n/)
    h.say(admin, 'bot', '/status')
    expect(await h.waitForSay(admin, /全部项目/)).toMatch(/私聊甲/)
    h.say(admin, 'bot', '/issues')
    expect(await h.waitForSay(admin, /全部未办结问题/)).toMatch(/「私聊甲」[\s\S]*#1/)
    h.say(admin, 'bot', '/resolve 1')
    expect(await h.waitForSay(admin, /请在项目群里使用/)).toBe('/解决 请在项目群里使用。')
    h.say(admin, 'bot', '/status 私聊甲')
    expect(await h.waitForSay(admin, /项目「私聊甲」/)).toMatch(/未办结问题：1 个/)
  })
})
