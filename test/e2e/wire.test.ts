import { afterAll, beforeAll, expect, it } from 'vitest'
import { WechatyBuilder, type Wechaty } from 'wechaty'
import { PuppetService } from 'wechaty-puppet-service'
import { isolateHome, waitFor, WireHarness } from './harness.ts'

let h: WireHarness
let bot: Wechaty

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  bot = WechatyBuilder.build({
    puppet: new PuppetService({ endpoint: h.endpoint, token: h.token, tls: { disable: true } }),
  })
  bot.on('message', async (m) => {
    if (m.self()) return
    await m.say(`echo: ${m.text()}`)
  })
  await bot.start()
  await waitFor(() => h.puppet.isLoggedIn || h.puppet.state.active(), 5_000, () => 'puppet never started')
  h.loginBot()
  await waitFor(() => bot.isLoggedIn, 5_000, () => 'bot never logged in')
})

afterAll(async () => {
  await bot?.stop()
  await h?.stop()
})

it('carries a group message to the bot and its reply back over gRPC', async () => {
  const alice = h.contact('张三')
  const room = h.room('【项目】测试推进群', [alice])
  h.say(alice, room, '你好')
  expect(await h.waitForSay(room, /echo: 你好/)).toBe('echo: 你好')
})
