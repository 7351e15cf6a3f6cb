import { mkdtempSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BotProcess } from '../soak/bot-process.ts'
import { isolateHome, waitFor, WireHarness } from './harness.ts'

let h: WireHarness
let home: string
const bots: BotProcess[] = []

beforeAll(async () => {
  home = isolateHome()
  h = await WireHarness.start()
  h.keepLoggedIn = true
})

afterAll(async () => {
  for (const bot of bots) await bot.kill().catch(() => undefined)
  await h?.stop()
})

const track = (bot: BotProcess) => (bots.push(bot), bot)

it('a second copy on the same database refuses at once, naming the first; a first killed with -9 never blocks the next', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'duban-e2e-copies-')), 'duban.sqlite')
  const first = track(await BotProcess.start(h, db, home))
  const startsBefore = h.puppetStarts

  const startedAt = performance.now()
  const second = track(BotProcess.spawn(h, db, join(home, 'second')))
  expect(await second.exited).toBe(1)
  expect(performance.now() - startedAt).toBeLessThan(15_000)
  expect(second.output).toContain(`另一个督办助手正在使用这个数据库（主机 ${hostname()}，进程 ${first.pid}，自 `)
  expect(second.output).toMatch(/本进程没有启动/u)
  // It never reached the puppet service (where it would have waited a minute for a login).
  expect(h.puppetStarts).toBe(startsBefore)

  await first.kill()
  const third = track(await BotProcess.start(h, db, home))
  expect(third.output).toContain(`上一个督办助手进程（主机 ${hostname()}，进程 ${first.pid}）没有正常退出，已接替它的数据库锁`)
  await third.stop()
}, 180_000)

it('npm start -- --takeover waits while the first runs and takes over the moment it stops', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'duban-e2e-takeover-')), 'duban.sqlite')
  const old = track(await BotProcess.start(h, db, home))
  const next = track(BotProcess.spawn(h, db, home, {}, ['--takeover']))
  await waitFor(() => next.output.includes(`（主机 ${hostname()}，进程 ${old.pid}，`) && next.output.includes('等它退出后立即接替'), 30_000, () => next.output)
  // Still waiting a while later: it has not started beside the old one.
  await new Promise((r) => setTimeout(r, 1_000))
  expect(next.output).not.toContain('原进程已退出')
  old.term()
  expect(await old.exited).toBe(0)
  const leftAt = performance.now()
  await waitFor(() => next.output.includes('原进程已退出，现在接替'), 10_000, () => next.output)
  expect(performance.now() - leftAt).toBeLessThan(1_000)
  await next.ready(h, 60_000)
  await next.stop()
}, 180_000)
