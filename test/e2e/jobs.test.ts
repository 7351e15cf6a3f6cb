/**
 * The three scheduled jobs over the real wire: six-field cron settings fire every two seconds, and
 * a fake clock pins "today" to Saturday 2026-10-10, a make-up working day after National Day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { wechatyDirectory } from '../../src/wechat/wechaty-directory.ts'
import { FakeClock } from '../../src/clock.ts'
import { jobs as allJobs, startJobs, type Jobs } from '../../src/jobs/index.ts'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const TODAY = '2026-10-10'
const EVERY_TWO_SECONDS = '*/2 * * * * *'
const RECIPIENT_GROUP = '【督办】领导群'

let h: WireHarness
let b: BotUnderTest
let jobs: Jobs | undefined
const clock = new FakeClock(`${TODAY}T10:00:00+08:00`)
/** The land team's liaison is 王科长, who sits in the group with the land issue. */
const teamsFile = join(mkdtempSync(join(tmpdir(), 'duban-e2e-teams-')), 'teams.json')
writeFileSync(teamsFile, JSON.stringify({ teams: { land: { liaisons: ['王科长'] } } }))
const env = {
  BOT_ADMINS: '管理员',
  DIGEST_RECIPIENTS: `王局长,${RECIPIENT_GROUP}`,
  TEAMS_FILE: teamsFile,
  REMINDER_CRON: EVERY_TWO_SECONDS,
  BLOCKER_CRON: EVERY_TWO_SECONDS,
  DIGEST_CRON: EVERY_TWO_SECONDS,
}

/**
 * The jobs as the app starts them at login, started here once the groups' history is in (at login
 * the six-field schedule would fire before the test has said anything).
 */
function start(bot: BotUnderTest): Jobs {
  return startJobs(
    {
      db: bot.db,
      clock,
      rules: bot.settings.rules,
      schedule: bot.settings.config.schedule,
      log: { info: () => {}, warn: (l) => bot.logs.push(`warn ${l}`), error: (l) => bot.logs.push(`error ${l}`) },
      directory: wechatyDirectory(bot.app.transport.wechaty),
      wake: () => bot.app.sender.wake(),
    },
    allJobs,
  )
}

let zhang: mock.ContactMock
let liaison: mock.ContactMock
let chief: mock.ContactMock
let admin: mock.ContactMock
let quiet: mock.RoomMock
let active: mock.RoomMock
let blocked: mock.RoomMock
let leaders: mock.RoomMock

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  b = await startBot(h, { clock, env })
  zhang = h.contact('张三')
  liaison = h.contact('王科长')
  chief = h.contact('王局长')
  admin = h.admin()
  quiet = h.room('【项目】静默推进群', [zhang])
  active = h.room('【项目】活跃推进群', [zhang])
  blocked = h.room('【项目】受阻推进群', [zhang, liaison])
  leaders = h.room(RECIPIENT_GROUP, [admin, chief])
  // The quiet group last reported before the holiday; the active one reported this morning.
  const history = [
    h.say(zhang, quiet, '主体结构封顶', [], new Date('2026-09-25T10:00:00+08:00')),
    h.say(zhang, active, '主体结构完成60%', [], new Date(`${TODAY}T09:00:00+08:00`)),
    // Opened 9月28日: 7 working days across National Day end on 10月13日, two working days after today.
    h.say(zhang, blocked, '征地拆迁还有两户没谈妥', [], new Date('2026-09-28T10:00:00+08:00')),
  ]
  await b.handled(...history)
  jobs = start(b)
})

afterAll(async () => {
  await jobs?.stop()
  await b?.stop()
  await h?.stop()
})

const isReminder = (t: string) => t.includes('进度提醒')
const isSummary = (t: string) => t.includes('问题督办')
const isDigest = (t: string) => t.includes('督办日报')

describe('scheduled jobs on a make-up working day', () => {
  it('reminds the quiet group, @mentioning its last reporter, and not the active one', async () => {
    const text = await h.waitForSay(quiet, isReminder, 10_000)
    expect(text).toMatch(/^@张三\u2005⏰ 进度提醒：今天（10月10日）本群还没有报项目进度（上次：9月25日）/u)
    await h.waitForSay(blocked, isReminder, 10_000)
    expect(h.saidIn(active).filter(isReminder)).toEqual([])
  })

  it('lists the open issue in its group, yellow two working days before its due date, @mentioning the liaison', async () => {
    const text = await h.waitForSay(blocked, isSummary, 10_000)
    expect(text).toMatch(/^@王科长\u2005📌 问题督办（10月10日）：本群未办结问题 1 个，其中🟡临期 1 个/u)
    expect(text).toContain('🟡 #1 土地工作专班 · 已5个工作日 · 10月13日到期，还剩2个工作日')
    expect(text).toContain('请联络员跟进：王科长（土地工作专班）')
    expect(h.saidIn(quiet).filter(isSummary)).toEqual([])
  })

  it('sends the digest to a recipient contact and a recipient group', async () => {
    const toChief = await h.waitForSay(chief, isDigest, 10_000)
    const toGroup = await h.waitForSay(leaders, isDigest, 10_000)
    expect(toGroup).toBe(toChief)
    expect(toChief).toMatch(/督办日报 · 10月10日 星期六（调休上班）/u)
    expect(toChief).toContain('在库项目 3 个')
    expect(toChief).toContain('土地工作专班：未办结 1（🟡1）')
  })

  it('a restart between two runs sends nothing twice', async () => {
    // Let the schedule fire a few more times: the day's runs are recorded, so nothing new goes out.
    await new Promise((r) => setTimeout(r, 2_500))
    const before = h.said.length
    await jobs?.stop()
    await b.stop()
    b = await startBot(h, { clock, dbPath: b.dbPath, env })
    jobs = start(b)
    await new Promise((r) => setTimeout(r, 4_500))
    await b.app.drained()
    expect(h.said.slice(before).map((s) => s.text)).toEqual([])
    expect(h.saidIn(quiet).filter(isReminder)).toHaveLength(1)
    expect(h.saidIn(blocked).filter(isReminder)).toHaveLength(1)
    expect(h.saidIn(blocked).filter(isSummary)).toHaveLength(1)
    expect(h.saidIn(chief).filter(isDigest)).toHaveLength(1)
    expect(h.saidIn(leaders).filter(isDigest)).toHaveLength(1)
    expect(b.logs.filter((l) => l.startsWith('error'))).toEqual([])
  })
})

describe('the schedule itself', () => {
  it('fires again on the next working day, and not on the Sunday between', async () => {
    clock.set('2026-10-11T10:00:00+08:00')
    const before = h.said.length
    await new Promise((r) => setTimeout(r, 2_500))
    expect(h.said.length).toBe(before)
    clock.set('2026-10-12T10:00:00+08:00')
    expect(await h.waitForSay(chief, /督办日报 · 10月12日 星期一\n/u, 5_000)).toContain('在库项目 3 个')
    expect(await h.waitForSay(quiet, isReminder, 5_000)).toContain('今天（10月12日）')
    // Opened 9月28日 and due 10月13日: one working day left on Monday.
    expect(await h.waitForSay(blocked, isSummary, 5_000)).toContain('已6个工作日 · 10月13日到期，还剩1个工作日')
  })
})

describe('/digest', () => {
  it('answers an admin at once in private chat and in a recipients\' group, and nobody in a project group', async () => {
    h.say(admin, 'bot', '/简报')
    expect(await h.waitForSay(admin, isDigest)).toContain('在库项目 3 个')
    h.say(admin, leaders, '/digest')
    expect(await h.waitForSay(leaders, isDigest)).toContain('督办日报')
    h.say(admin, active, '/digest')
    expect(await h.waitForSay(active, /只在私聊或简报接收群/)).toBe('督办日报只在私聊或简报接收群（DIGEST_RECIPIENTS）里发送。')
    h.say(zhang, leaders, '/digest')
    h.say(zhang, active, '/简报')
    expect(await h.waitForSay(active, /仅限管理员/)).toBe('/简报 仅限管理员使用。')
    await b.app.drained()
    expect(h.saidIn(leaders).filter((t) => /仅限管理员/.test(t))).toEqual([])
  })
})
