import { afterAll, beforeAll, it } from 'vitest'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ supervisor: { offlineMs: 300, silentMs: 3_000, checkEveryMs: 50 } }))
})

afterAll(() => stopOnWire(h, b))

it('brings the bot back after a logout by restarting the puppet, and logs it', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】掉线推进群', [zhang])
  const starts = h.puppetStarts
  await h.puppet.logout()
  await waitFor(() => !b.app.transport.wechaty.isLoggedIn, 5_000, () => 'the bot never noticed the logout')
  await waitFor(() => b.logs.some((l) => l.includes('正在重新连接')), 5_000, () => b.logs.join('\n'))
  // The service logs the account in again once the puppet is back, as a real one would.
  await waitFor(() => h.puppetStarts > starts && h.puppet.state.active(), 5_000, () => 'the puppet never restarted')
  h.loginBot()
  await waitFor(() => b.app.transport.wechaty.isLoggedIn, 5_000, () => `the bot never logged in again: ${b.logs.join('\n')}`)
  h.say(zhang, room, '施工许可证还没批下来')
  await h.waitForSay(room, /已登记问题 #1/)
  await waitFor(() => b.logs.some((l) => l.includes('微信已重新登录')), 5_000, () => b.logs.join('\n'))
})
