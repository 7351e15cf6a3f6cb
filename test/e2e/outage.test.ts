import { afterAll, beforeAll, expect, it } from 'vitest'
import { isolateHome, waitFor, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  // A stream silent for 1.5 s is asked for a dong (the mock answers after 1 s); production waits 10 s.
  b = await startBot(h, { supervisor: { offlineMs: 60_000, silentMs: 1_500, checkEveryMs: 100 } })
  h.keepLoggedIn = true
})

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

it('hears the groups again soon after the puppet service comes back, and sends what waited once', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】断线推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录节点：签约/)

  const back = h.interruptService(3_000)
  // Queued while the service is away: it must go out once when the service is back, not be dropped.
  await new Promise((r) => setTimeout(r, 500))
  await b.say(room.id, '停机期间排队的通知')
  await back

  // The service drops what is said while no client listens, so keep saying until the bot hears.
  // Without the supervisor's dong the event stream stays dead until Wechaty's watchdog, a minute on.
  let n = 0
  const answered = await waitFor(
    async () => {
      if (h.saidIn(room).some((t) => /已登记问题/.test(t))) return true
      h.say(zhang, room, `施工许可证还没批下来（第${++n}次）`)
      await new Promise((r) => setTimeout(r, 500))
      return false
    },
    20_000,
    () => `no confirmation after the outage; logs: ${b.logs.join('\n')}`,
  )
  expect(answered).toBe(true)
  await waitFor(() => h.saidIn(room).includes('停机期间排队的通知'), 10_000, () => JSON.stringify(h.saidIn(room)))
  await b.app.drained()
  expect(h.saidIn(room).filter((t) => t === '停机期间排队的通知')).toHaveLength(1)
  expect(b.logs.some((l) => l.includes('事件流已') && l.includes('重新连接'))).toBe(true)
  expect(b.logs.some((l) => l.includes('事件流已恢复'))).toBe(true)
}, 60_000)

it('reads a message again when the service went away while the bot was loading its group', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】半途推进群', [zhang])
  // Wechaty gets the message, but not its group: it drops the message ("message not found for id").
  h.failRoomLookups = 3
  h.say(zhang, room, '项目已正式签约')
  expect(await h.waitForSay(room, /已记录节点：签约/, 15_000)).toMatch(/^已记录节点：签约（[^）]+）\n张三报告，待管理员确认/)
  expect(h.failRoomLookups).toBe(0)
  expect(b.logs.join('\n')).toContain('暂时无法')
}, 30_000)
