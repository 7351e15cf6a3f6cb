import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

// CONFIRM over the wire: the same conversation under each setting, a bot of its own for each.

const running: { h: WireHarness; b: BotUnderTest }[] = []

beforeAll(() => {
  isolateHome()
})

afterAll(async () => {
  for (const { h, b } of running) {
    await b.stop()
    await h.stop()
  }
})

async function botWith(confirm: string | undefined) {
  const h = await WireHarness.start()
  const b = await startBot(h, { env: confirm ? { CONFIRM: confirm } : {} })
  running.push({ h, b })
  const zhang = h.contact('张三')
  const room = h.room('【项目】确认测试推进群', [zhang])
  /** The conversation: plain progress, an issue with progress, its close by quote; each handled before the next. */
  const talk = async () => {
    await b.handled(h.say(zhang, room, '厂房主体结构已完成60%'))
    await b.handled(h.say(zhang, room, '钢结构吊装完成八成，但是施工许可证还没批下来'))
    await b.handled(h.quote(zhang, room, '张三', '钢结构吊装完成八成，但是施工许可证还没批下来', '施工许可证已经拿到了'))
    return h.saidIn(room)
  }
  return { talk }
}

describe('CONFIRM', () => {
  it('issues (the default): no reply to plain progress; progress rides along with an issue; the close', async () => {
    const { talk } = await botWith(undefined)
    const said = await talk()
    expect(said).toHaveLength(2)
    expect(said[0]).toMatch(/^已记录进度：80%\n已登记问题 #1 · 项目审批验收服务专班/)
    expect(said[1]).toMatch(/^✅ 问题 #1（项目审批验收服务专班）已办结：施工许可证已经拿到了/)
  })

  it('all: every record, plain progress included', async () => {
    const { talk } = await botWith('all')
    const said = await talk()
    expect(said).toHaveLength(3)
    expect(said[0]).toBe('已记录进度：60%')
  })

  it('none: only the close, which says how to reopen', async () => {
    const { talk } = await botWith('none')
    const said = await talk()
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/^✅ 问题 #1.*已办结[\s\S]*\/重开 1/)
  })
})
