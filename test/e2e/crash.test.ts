import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BotProcess } from '../soak/bot-process.ts'
import { isolateHome, waitFor, WireHarness } from './harness.ts'

let h: WireHarness
let home: string
let bot: BotProcess | undefined

beforeAll(async () => {
  home = isolateHome()
  h = await WireHarness.start()
  // As a real puppet service does: the account stays logged in whenever the bot restarts the puppet.
  h.keepLoggedIn = true
})

afterAll(async () => {
  await bot?.stop()
  await h?.stop()
})

const storedIds = (path: string): Set<string> => {
  const db = new SQLite(path, { readonly: true, fileMustExist: true })
  try {
    return new Set(db.prepare('select wechat_id from messages').pluck().all() as string[])
  } finally {
    db.close()
  }
}

it('kill -9 in the middle of a burst: every message the service had announced is stored and answered after the restart', async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'duban-e2e-crash-')), 'duban.sqlite')
  bot = await BotProcess.start(h, dbPath, home)
  const zhang = h.contact('张三')
  const room = h.room('【项目】断电推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录节点：签约/, 15_000)

  // The service announces 30 messages; the bot asks for each one's payload, which does not come
  // yet (a slow service, a busy machine): none of them can be read, let alone stored, when it dies.
  const messagePayload = h.puppet.messagePayload.bind(h.puppet)
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const asked = new Set<string>()
  h.puppet.messagePayload = async (id: string) => {
    asked.add(id)
    await held
    return messagePayload(id)
  }
  const burst = Array.from({ length: 30 }, (_, i) => h.say(zhang, room, `${i + 1}号楼主体结构完成${i + 1}%`))
  await waitFor(() => burst.every((id) => asked.has(id)), 30_000, () => `the bot asked for ${asked.size} of 30 payloads`)
  await bot.kill()
  expect(burst.filter((id) => storedIds(dbPath).has(id))).toEqual([])

  h.puppet.messagePayload = messagePayload
  release()
  bot = await BotProcess.start(h, dbPath, home)
  const confirmed = () => burst.filter((_, i) => h.linesIn(room).includes(`已记录进度：${i + 1}%`)).length
  await waitFor(() => confirmed() === 30, 60_000, () => `${confirmed()} of 30 confirmed after the restart; bot said:\n${bot?.output ?? ''}`)
  const stored = storedIds(dbPath)
  expect(burst.filter((id) => !stored.has(id))).toEqual([])
  // Each once: read again from the service, never twice.
  for (let i = 1; i <= 30; i++) expect(h.linesIn(room).filter((l) => l === `已记录进度：${i}%`)).toHaveLength(1)
  // The 30, and perhaps the bot's own confirmation, whose payload was held too (it is dropped again).
  expect(bot.output).toMatch(/上次运行时已收到、尚未处理的 3[01] 条消息/u)
}, 120_000)
