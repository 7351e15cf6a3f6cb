import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

// What a group hears back, over the wire, with the default settings (CONFIRM=issues).

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire())
})

afterAll(() => stopOnWire(h, b))

/** The last day of November 2026, in the morning in Beijing. */
const NOV_30 = new Date('2026-11-30T10:00:00+08:00')

/** The bot's local day, as its confirmations count "today". */
const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' })

function group(topic: string) {
  const zhang = h.contact('张三')
  const li = h.contact('李四')
  const admin = h.admin()
  const room = h.room(topic, [zhang, li, admin])
  const ask = async (who: typeof zhang, text: string, expected: RegExp = /[\s\S]/) => {
    h.say(who, room, text)
    return h.waitForSay(room, expected)
  }
  return { zhang, li, admin, room, ask }
}

describe('confirmations', () => {
  it('"月底前解决" on the last day of a month is due today, and says so', async () => {
    const { zhang, room } = group('【项目】月底测试推进群')
    h.say(zhang, room, '施工用电还没接入，要求月底前解决', [], NOV_30)
    expect(await h.waitForSay(room, /已登记问题 #1/)).toMatch(/^已登记问题 #1 · 增资扩产和园区建设专班 · 今天到期\n/)
  })

  it('a date in another year than the message carries its year', async () => {
    const { zhang, room } = group('【项目】跨年测试推进群')
    h.say(zhang, room, '施工许可证还没批下来，企业要求3月20日前必须拿到证', [], NOV_30)
    expect(await h.waitForSay(room, /已登记问题 #1/)).toMatch(/· 2027年3月20日前办结\n/)
  })

  it('a stage reached in chat is confirmed as a stage with its day', async () => {
    const { admin, room } = group('【项目】节点测试推进群')
    h.say(admin, room, '项目今天正式开工了', [], NOV_30)
    // An admin's word needs no one else's: one line.
    expect(await h.waitForSay(room, /已记录节点/)).toBe('已记录节点：动工（11月30日）')
  })

  it('a stage reported by a member names them and how an admin confirms or takes it back; the admin can', async () => {
    const { li, admin, ask } = group('【项目】成员节点推进群')
    const reply = await ask(li, '今天正式开工了', /已记录节点/)
    expect(reply).toBe(`已记录节点：动工（${Number(today().slice(5, 7))}月${Number(today().slice(8))}日）\n李四报告，待管理员确认：核实后发 /节点 动工 ${today()}；有误发 /节点 撤销 动工`)
    expect(await ask(li, '/节点 撤销 动工')).toBe('/节点 仅限管理员使用。')
    expect(await ask(admin, '/节点 撤销 动工')).toMatch(/^已撤销：节点 动工（\d+月\d+日）$/)
    expect(await ask(admin, '/状态', /项目「成员节点」/)).toMatch(/节点：尚无记录/)
    expect(await ask(admin, '/节点 撤销 动工')).toBe("本项目没有“动工”节点可撤销。")
  })

  it('a resolution that only says 已解决 is not repeated back', async () => {
    const { zhang, room } = group('【项目】办结测试推进群')
    h.say(zhang, room, '征地拆迁还有两户没谈妥')
    await h.waitForSay(room, /已登记问题 #1/)
    h.quote(zhang, room, '张三', '征地拆迁还有两户没谈妥', '已解决')
    expect(await h.waitForSay(room, /已办结/)).toBe('✅ 问题 #1（土地工作专班）已办结\n办结人：张三。如未解决，发 /重开 1 原因')
  })

  it('/undo and a recall say which record they took back', async () => {
    const { zhang, li, room, ask } = group('【项目】撤销测试推进群')
    // No reply to wait for (CONFIRM=issues): let it be handled before the /撤销 that takes it back.
    await b.handled(h.say(zhang, room, '厂房主体结构已完成60%'))
    expect(await ask(zhang, '/撤销')).toBe('已撤销：进度「厂房主体结构已完成60%」')
    const id = h.say(li, room, '钢结构吊装完成一半，但是塔吊证照还没办下来')
    await h.waitForSay(room, /已登记问题 #1/)
    h.recall(li, room, id)
    expect(await h.waitForSay(room, /撤回/)).toBe('李四撤回了一条消息，已撤销：进度「钢结构吊装完成一半」、问题 #1（工程施工安全监督专班）')
  })
})

describe('lists', () => {
  it('/status names five open issues and says how many more there are', async () => {
    const { zhang, ask } = group('【项目】九个问题推进群')
    for (let n = 1; n <= 9; n++) await ask(zhang, `/上报 第${n}个待协调事项`, new RegExp(`已登记问题 #${n} `))
    const status = await ask(zhang, '/status', /项目「九个问题」/)
    expect(status).toMatch(/未办结问题：9 个/)
    expect(status.match(/^ {2}🟢 #\d/gmu)).toHaveLength(5)
    expect(status).toMatch(/\n {2}……另有 4 个，发 \/问题 查看全部$/)
  })

  it('an issue raised today is "今天提出", and progress today is "今天有进度"', async () => {
    const { zhang, admin, ask } = group('【项目】今天测试推进群')
    await ask(zhang, '环评批复还没下来', /已登记问题 #1/)
    expect(await ask(zhang, '/问题', /未办结问题/)).toMatch(/#1 环保能耗配套和审批专班 · 张三 · 今天提出 · /)
    await ask(zhang, '/进度 设备进场调试', /已记录进度/)
    h.say(admin, 'bot', '/status')
    expect(await h.waitForSay(admin, /全部项目/)).toMatch(/• 今天测试 · 未签约 · 今天有进度 · 未办结 1/)
  })
})

describe('silence where a word helps', () => {
  it('a question put to the bot gets a pointer to /状态 and /问题; chatter still gets nothing', async () => {
    const { zhang, room } = group('【项目】提问测试推进群')
    const plain = h.say(zhang, room, '审批进展怎么样了？')
    const toBot = h.sayToBot(zhang, room, '审批进展怎么样了？')
    expect(await h.waitForSay(room, /不回答提问/)).toBe('我只记录进度和问题，不回答提问。项目概况请发 /状态，未办结问题请发 /问题。')
    await b.handled(plain, toBot)
    expect(h.saidIn(room)).toHaveLength(1)
  })
})
