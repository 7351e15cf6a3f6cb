import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { appOptions, createApp } from '../../src/app.ts'
import { CONSOLE_OWNER, runConsole } from '../../src/wechat/console.ts'
import { MovableClock } from '../../src/clock.ts'
import { jobs } from '../../src/jobs/index.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { migrateToLatest, openDatabase, type Db } from '../../src/store/index.ts'
import { waitFor } from './harness.ts'

let db: Db

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'duban-console-week-')), 'console.sqlite'))
  await migrateToLatest(db)
})

afterAll(async () => {
  await db?.destroy()
})

/** One run of the console on the test's database, wired as `npm start` wires it (main.ts). */
function consoleRun(clock: MovableClock) {
  const input = new PassThrough()
  const output = new PassThrough()
  let screen = ''
  output.on('data', (d) => (screen += stripVTControlCharacters(String(d))))
  const settings = settingsFromEnv({ BOT_ADMINS: CONSOLE_OWNER, DIGEST_RECIPIENTS: CONSOLE_OWNER, SEND_INTERVAL_MS: '5', LOGIN_TIMEOUT_SECONDS: '5', WEB_PORT: '0' })
  const done = runConsole({
    databasePath: 'console.sqlite',
    db,
    projectRoomPattern: settings.rules.projectRoomPattern,
    clock,
    timeZone: settings.rules.timeZone,
    input,
    output,
    createApp: (puppet, log) => {
      const app = createApp({ ...appOptions(settings, db, commands, log, clock), puppet, jobs: [] })
      return { ...app, moveClockTo: (to: Date) => app.runJobsBetween(jobs, clock.now(), to, (at) => clock.set(at), () => app.drained(5_000)) }
    },
  })
  const type = async (line: string, expected: RegExp) => {
    const before = screen.length
    input.write(`${line}\n`)
    await waitFor(() => expected.test(screen.slice(before)), 20_000, () => `after "${line}" the screen shows:\n${screen.slice(before)}`)
    return screen.slice(before)
  }
  return { type, done, screen: () => screen, quit: () => input.write(':quit\n') }
}

/**
 * The README's console walkthrough: two project groups, a week moved through with `:时间`, and a
 * restart after which each group still holds its own project.
 */
it('holds two groups, moves through a week firing what the schedule would, and keeps each group’s project over a restart', async () => {
  const clock = new MovableClock()
  clock.set(new Date('2026-12-07T09:30:00+08:00')) // a Monday, after the morning's digest and issue list
  const first = consoleRun(clock)
  await waitFor(() => first.screen().includes('试试'), 10_000, first.screen)
  expect(first.screen()).toContain('现在是 2026年12月7日星期一 09:30')
  await first.type('施工用电还没接入，供电局说要等电力设施迁改', /已登记问题 #1/)
  expect(await first.type(':群 乙项目', /已新建群/)).toContain('已新建群「【项目】乙项目推进群」，绑定为项目「乙项目」')
  expect(await first.type('环评批复还没下来', /已登记问题 #1/)).toMatch(/督办助手（乙项目）：已登记问题 #1 · 环保能耗配套和审批专班/)
  // Monday's reminder; Tuesday to Friday the digest, the issue lists and the reminders; the weekend
  // nothing; the next Monday's digest at 08:30, then at 09:00 its issue lists and the weekly 通报:
  // 1 + 4×3 + 3 runs.
  const week = await first.type(':时间 2026-12-14 09:00', /已拨到/)
  expect(week).toContain('已拨到 2026年12月14日星期一 09:00，其间定时任务运行了 16 次（周末和节假日不运行）')
  expect(week).toMatch(/督办助手（年产10万吨新材料）：⏰ 进度提醒：今天（12月7日）/)
  expect(week).toMatch(/督办助手（乙项目）：📌 问题督办（12月8日）：本群未办结问题 1 个/)
  expect(week).toMatch(/督办助手（私聊）：📰 督办日报 · 12月14日 星期一/)
  expect(week).toMatch(/督办助手（私聊）：📢 .*项目督办周通报/)
  // Nothing on the weekend: no reminder, issue list or digest of the 12th or 13th.
  expect(week).not.toMatch(/（12月1[23]日）|督办日报 · 12月1[23]日/)
  // In the order it happened: Monday's reminder, Tuesday's digest, …, the next Monday's digest.
  expect(week.indexOf('今天（12月7日）')).toBeLessThan(week.indexOf('督办日报 · 12月8日'))
  expect(week.indexOf('督办日报 · 12月8日')).toBeLessThan(week.indexOf('督办日报 · 12月14日'))
  expect(await first.type(':时间 2026-12-01', /只能往后拨/)).toContain('时间只能往后拨：现在是 2026年12月14日星期一 09:00')
  first.quit()
  await first.done

  // A restart: the clock goes on from where the ledger is, and each group keeps its project.
  const second = consoleRun(new MovableClock())
  await waitFor(() => second.screen().includes('试试'), 10_000, second.screen)
  expect(second.screen()).toContain('上次建的群也在：「乙项目」')
  expect(second.screen()).toContain('现在是 2026年12月14日星期一 09:00')
  expect(await second.type('/状态', /项目「/)).toMatch(/项目「年产10万吨新材料」[\s\S]*施工用电还没接入/)
  await second.type(':群 乙项目', /已换到群「【项目】乙项目推进群」/)
  expect(await second.type('/状态', /项目「/)).toMatch(/项目「乙项目」[\s\S]*环评批复还没下来/)
  second.quit()
  await second.done
}, 120_000)
