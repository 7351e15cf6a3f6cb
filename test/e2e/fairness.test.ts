import { afterAll, beforeAll, expect, it } from 'vitest'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ env: { SEND_INTERVAL_MS: '40', CONFIRM: 'all' } }))
})

afterAll(() => stopOnWire(h, b))

it('gives every group of a burst its first confirmation within one round of sends, folding what a group said meanwhile', async () => {
  const zhang = h.contact('张三')
  const groups = Array.from({ length: 8 }, (_, g) => h.room(`【项目】轮转${g + 1}号推进群`, [zhang]))
  // Group by group, as the fault campaign did: group 1's five messages, then group 2's…
  for (const room of groups) for (let i = 1; i <= 5; i++) h.say(zhang, room, `${i}号厂房主体结构完成${i * 10}%`)
  const lines = () => groups.reduce((n, room) => n + h.linesIn(room).filter((l) => l.startsWith('已记录进度')).length, 0)
  await waitFor(() => lines() === 40, 30_000, () => `${lines()} of 40 confirmations`)
  await b.app.drained()

  const sends = h.said.filter((s) => groups.some((g) => g.id === s.conversationId))
  const firstSend = groups.map((g) => sends.findIndex((s) => s.conversationId === g.id))
  // One send a group per round: no group waits behind another group's backlog (FIFO: the 8th at send 36).
  firstSend.forEach((index) => expect(index).toBeLessThan(groups.length + 1))
  // Every message confirmed exactly once, in fewer messages than confirmations.
  for (const room of groups) {
    expect(h.linesIn(room).filter((l) => l.startsWith('已记录进度')).sort()).toEqual([1, 2, 3, 4, 5].map((i) => `已记录进度：${i * 10}%`).sort())
  }
  expect(sends.length).toBeLessThan(40)
}, 60_000)
