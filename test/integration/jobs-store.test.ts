/**
 * The jobs against a real database file: the digest of a known day end to end (queries and text),
 * the reminder candidates, and a job's run claimed once per working day with its texts.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src/clock.ts'
import { blockerJob, digestJob, reminderJob } from '../../src/jobs/definitions.ts'
import type { JobDeps, JobSchedule } from '../../src/jobs/job-types.ts'
import { runJobToday } from '../../src/jobs/run-job.ts'
import { startJobs } from '../../src/jobs/start-jobs.ts'
import type { Category, ParsedRecord } from '../../src/parse/types.ts'
import { buildDigest } from '../../src/reports/digest.ts'
import { ingestMessage, listOutbox, listReminderCandidates, openIssue, recordStage, resolveIssue, type Db } from '../../src/store/index.ts'
import { splitParts } from '../../src/text/parts.ts'
import { message, newProject, openTestStore, rules, settings, type TestStore } from './store-fixture.ts'

const beijing = (local: string) => new Date(`${local}+08:00`)
const progress = (summary: string): ParsedRecord => ({ type: 'progress', stage: null, percent: null, due: null, summary })

async function issueAt(db: Db, projectId: number, openedAt: string, category: Category, summary: string) {
  return openIssue(db, { projectId, messageId: null, command: 'report', actorId: null, at: beijing(openedAt) }, { category, due: null, summary }, settings)
}

async function stageAt(db: Db, projectId: number, stage: 'signed' | 'land' | 'construction' | 'production', on: string) {
  await recordStage(db, { projectId, messageId: null, command: 'stage', actorId: null, at: beijing(`${on}T12:00:00`) }, stage, on)
}

/**
 * Monday 2026-10-12; the window is the make-up Saturday 10日 and Sunday 11日.
 *   新材料: land since 4月12日, exactly 6 months: not slow; progress on the 10th; an issue resolved on the 11th.
 *   电子:   land since 4月11日: slow; last spoke 9月30日 (silent 10月8、9、10、12日); a land issue 5 working days overdue.
 *   机械:   construction since 2025-04-11, 18 months and a day: slow; spoke on the 9th; a finance issue opened on the 10th.
 *   食品:   in production, never spoke since it was created in January.
 */
async function seed(db: Db) {
  const [a, b, c, d] = [await newProject(db, '新材料'), await newProject(db, '电子'), await newProject(db, '机械'), await newProject(db, '食品')]
  await stageAt(db, a.id, 'signed', '2026-01-05')
  await stageAt(db, a.id, 'land', '2026-04-12')
  await stageAt(db, b.id, 'land', '2026-04-11')
  await stageAt(db, c.id, 'construction', '2025-04-11')
  await stageAt(db, d.id, 'production', '2025-12-01')
  await ingestMessage(db, message(a.id, { sentAt: beijing('2026-10-10T09:00:00') }), [progress('主体结构完成60%')], settings)
  await ingestMessage(db, message(b.id, { sentAt: beijing('2026-09-30T09:00:00'), text: '收到' }), [], settings)
  await ingestMessage(db, message(c.id, { sentAt: beijing('2026-10-09T09:00:00'), text: '好的' }), [], settings)
  await issueAt(db, b.id, '2026-09-18T10:00:00', 'land', '征地拆迁还有两户没谈妥')
  await issueAt(db, c.id, '2026-10-10T10:00:00', 'finance', '贷款审批卡在省行')
  const done = await issueAt(db, a.id, '2026-09-28T10:00:00', 'approval', '施工许可')
  await resolveIssue(db, { issueId: done.id, text: '已办', command: 'resolve', actorId: null, messageId: null, at: beijing('2026-10-11T10:00:00') }, settings.timeZone)
  return { a, b, c, d }
}

describe('the jobs on a real database', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('builds the digest of a day: most urgent first, slow projects at their thresholds, silent groups', async () => {
    await seed(store.db)
    const { text: digest } = await buildDigest(store.db, '2026-10-12', rules)
    expect(splitParts(digest)).toEqual([
      [
        '📰 督办日报 · 10月12日 星期一',
        '在库项目 4 个：供地 2 · 动工 1 · 投产 1',
        '',
        '一、严重超期问题（超期 5 个工作日及以上）1 个',
        '🔴 电子 #1 征地拆迁还有两户没谈妥（超期5个工作日）',
        '',
        '二、各专班问题（新增、办结为 10月10日以来）',
        '土地工作专班：未办结 1（🔴1），新增 0，办结 0',
        '金融工作专班：未办结 1，新增 1，办结 0',
        '项目审批验收服务专班：未办结 0，新增 0，办结 1',
        '',
        '三、进展缓慢项目 2 个',
        '机械：动工已 18 个月未竣工（2025年4月11日动工，时限 18 个月）',
        '电子：供地已 6 个月未动工（4月11日供地，时限 6 个月）',
        '',
        '四、连续 3 个工作日以上无人发言的项目群 2 个',
        '食品：188 个工作日（从未发言）',
        '电子：4 个工作日（最后发言 9月30日）',
        '',
        '五、最久未办结问题',
        '🟢 机械 #1 已1个工作日：贷款审批卡在省行',
        '',
        '六、10月10日以来 进度 1 条',
        '新材料（张科长）：主体结构完成60%',
      ].join('\n'),
    ])
  })

  it("counts as 新增 every issue its lists call 今天提出: an on-demand digest in the afternoon", async () => {
    const p = await newProject(store.db, '新材料')
    await issueAt(store.db, p.id, '2026-10-12T16:00:00', 'land', '青苗补偿还有两户没谈妥')
    await issueAt(store.db, p.id, '2026-10-13T09:00:00', 'land', '施工便道占地没协调好')
    await issueAt(store.db, p.id, '2026-10-13T10:00:00', 'finance', '贷款审批卡在省行')
    const { text } = await buildDigest(store.db, '2026-10-13', rules)
    const listedToday = text.match(/今天提出/gu) ?? []
    const opened = [...text.matchAll(/新增 (\d+)/gu)].reduce((sum, m) => sum + Number(m[1]), 0)
    expect(listedToday).toHaveLength(2)
    expect(opened).toBe(3)
    expect(text).toContain('一、各专班问题（新增、办结为 10月12日以来）\n土地工作专班：未办结 2，新增 2，办结 0\n金融工作专班：未办结 1，新增 1，办结 0')
  })

  it('weighs every active project for the reminder: group, stage dates, last progress day, latest reporters', async () => {
    const { a, d } = await seed(store.db)
    const candidates = await listReminderCandidates(store.db)
    expect(candidates.find((c) => c.projectId === a.id)).toMatchObject({
      stages: { signed: '2026-01-05', land: '2026-04-12' },
      lastProgressOn: '2026-10-10',
      recentReporters: [{ id: 'wxid_zhang', name: '张科长' }],
    })
    expect(candidates.find((c) => c.projectId === d.id)).toMatchObject({ stages: { production: '2025-12-01' }, lastProgressOn: null, recentReporters: [] })
  })

  it('runs each job once per working day, with its texts, and not on a holiday', async () => {
    await seed(store.db)
    const clock = new FakeClock('2026-10-12T17:00:00+08:00')
    const woken: number[] = []
    const deps: JobDeps = {
      db: store.db,
      clock,
      rules: { ...rules, digestRecipients: ['王局长', '不存在的群'] },
      schedule: { reminder: '0 17 * * *', blockers: '0 9 * * *', digest: '30 8 * * *', weekly: '0 9 * * 1' },
      log: { info: () => {}, warn: () => {}, error: () => {} },
      directory: {
        roomMembers: async () => [],
        findRecipient: async (name) => (name === '王局长' ? { kind: 'contact', id: 'wxid_chief' } : null),
      },
      wake: () => woken.push(1),
    }
    // Reminded: 新材料 (progress on Saturday, none today), 电子 and 机械; 食品 is in production.
    expect(await runJobToday(deps, reminderJob)).toEqual({ ran: true, day: '2026-10-12', queued: 3 })
    expect(await runJobToday(deps, blockerJob)).toEqual({ ran: true, day: '2026-10-12', queued: 2 })
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: true, day: '2026-10-12', queued: 1 })
    // A second firing the same day, as after a restart, finds the runs recorded.
    for (const job of [reminderJob, blockerJob, digestJob]) {
      expect(await runJobToday(deps, job)).toEqual({ ran: false, day: '2026-10-12', why: 'already-ran' })
    }
    expect(woken).toHaveLength(3)
    const pending = await listOutbox(store.db, 'pending')
    expect(pending).toHaveLength(6)
    expect(pending.every((p) => p.text.trim() !== '')).toBe(true)
    expect(pending.find((p) => p.target.id === 'wxid_chief')?.text).toMatch(/^📰 督办日报 · 10月12日 星期一/u)

    clock.set('2026-10-01T17:00:00+08:00')
    expect(await runJobToday(deps, reminderJob)).toEqual({ ran: false, day: '2026-10-01', why: 'holiday' })
    clock.set('2026-10-11T17:00:00+08:00')
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: false, day: '2026-10-11', why: 'weekend' })
    expect(await listOutbox(store.db, 'pending')).toHaveLength(6)
  })

  it('marks a current stage that stands on a member\'s word until an admin confirms it', async () => {
    const [a, b, c] = [await newProject(store.db, '新材料'), await newProject(store.db, '电子'), await newProject(store.db, '机械')]
    const reached = (summary: string): ParsedRecord => ({ type: 'progress', stage: 'construction', percent: null, due: null, summary })
    const at = { sentAt: beijing('2026-10-09T10:00:00') }
    await stageAt(store.db, a.id, 'signed', '2026-03-02')
    await ingestMessage(store.db, message(a.id, { ...at, sender: { wechatId: 'wxid_li', name: '李四' } }), [reached('今天正式开工了')], settings)
    // An admin saying it in the group is confirmation enough; so is an admin's /stage after a member.
    await ingestMessage(store.db, message(b.id, { ...at, sender: { wechatId: 'wxid_admin', name: '管理员' } }), [reached('今天正式开工了')], settings)
    await ingestMessage(store.db, message(c.id, { ...at, sender: { wechatId: 'wxid_li', name: '李四' } }), [reached('今天正式开工了')], settings)
    await stageAt(store.db, c.id, 'construction', '2026-10-09')
    const { text } = await buildDigest(store.db, '2026-10-12', { ...rules, admins: ['管理员'] })
    expect(text).toContain('、成员报告、待管理员确认的节点 1 个\n新材料：动工 10月9日（李四报告）\n管理员在该项目群发 /节点 节点 日期 确认，或 /节点 撤销 节点')
    await stageAt(store.db, a.id, 'construction', '2026-10-09')
    expect((await buildDigest(store.db, '2026-10-12', { ...rules, admins: ['管理员'] })).text).not.toContain('待管理员确认')
  })

  it('tells the admins once a working day of a year without a notice, and marks the digest\'s provisional figures', async () => {
    const p = await newProject(store.db, '新材料')
    const clock = new FakeClock('2026-11-30T08:30:00+08:00')
    const deps: JobDeps = {
      db: store.db,
      clock,
      rules: { ...rules, digestRecipients: ['王局长'], admins: ['管理员'] },
      schedule: { reminder: '0 17 * * *', blockers: '0 9 * * *', digest: '30 8 * * *', weekly: '0 9 * * 1' },
      log: { info: () => {}, warn: () => {}, error: () => {} },
      directory: {
        roomMembers: async () => [],
        findRecipient: async (name) => ({ 王局长: { kind: 'contact' as const, id: 'wxid_chief' }, 管理员: { kind: 'contact' as const, id: 'wxid_admin' } })[name] ?? null,
      },
      wake: () => {},
    }
    const sentTo = async (id: string) => (await listOutbox(store.db, 'pending')).filter((o) => o.target.id === id).map((o) => o.text)
    // A plan in 2027 needs no working day: nothing to say about the calendar in November.
    await ingestMessage(store.db, message(p.id, { sentAt: beijing('2026-11-27T09:00:00') }), [{ type: 'progress', stage: null, percent: null, due: '2027-05-31', summary: '预计明年5月底封顶' }], settings)
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: true, day: '2026-11-30', queued: 1 })
    expect((await sentTo('wxid_chief'))[0]).not.toMatch(/暂定|放假安排/)
    expect(await sentTo('wxid_admin')).toEqual([])

    // From 1 December the admins hear that 2027 has no notice, with the command; the leaders do not.
    clock.set('2026-12-01T08:30:00+08:00')
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: true, day: '2026-12-01', queued: 2 })
    expect((await sentTo('wxid_chief'))[1]).not.toMatch(/暂定|放假安排/)
    expect((await sentTo('wxid_admin'))[0]).toMatch(/^⚠️ 还没有 2027 年的放假安排[\s\S]*\nnpm run holidays -- import 通知\.txt\n/u)

    // Opened on 12月24日, its 7 working days run into 2027: a provisional due date, noted.
    await issueAt(store.db, p.id, '2026-12-24T10:00:00', 'land', '征地拆迁还有两户没谈妥')
    clock.set('2026-12-28T08:30:00+08:00')
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: true, day: '2026-12-28', queued: 2 })
    expect((await sentTo('wxid_chief'))[2]).toMatch(/\n\n注：国务院尚未公布 2027 年放假安排，[\s\S]*1 个未办结问题的到期日和剩余工作日为暂定。$/u)
    expect((await sentTo('wxid_admin'))[1]).toMatch(/^⚠️ 2027 年的放假安排还没有导入/u)
    // Once a day: the day's run is recorded, a second firing sends nothing more.
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: false, day: '2026-12-28', why: 'already-ran' })
    expect(await sentTo('wxid_admin')).toHaveLength(2)

    // In 2027 itself the digest is generated, every figure provisional.
    clock.set('2027-01-05T08:30:00+08:00')
    expect(await runJobToday(deps, digestJob)).toEqual({ ran: true, day: '2027-01-05', queued: 2 })
    const digest = (await sentTo('wxid_chief'))[3]!
    expect(digest).toMatch(/^📰 督办日报 · 1月5日 星期二（暂定）\n/u)
    expect(digest).toMatch(/本简报的工作日数、超期和临期均为暂定/u)
    expect(digest).not.toMatch(/未生成/)
  })

  it('npm run digest prints a day\'s digest from DATABASE_PATH without sending it', async () => {
    await seed(store.db)
    const root = resolve(import.meta.dirname, '../..')
    const run = (args: string[]) =>
      spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['src/cli/digest.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: store.path },
      })
    const printed = run(['--date', '2026-10-12'])
    expect(printed.status).toBe(0)
    expect(printed.stdout).toMatch(/^📰 督办日报 · 10月12日 星期一\n在库项目 4 个/u)
    expect(printed.stdout).toContain('🔴 电子 #1 征地拆迁还有两户没谈妥（超期5个工作日）')
    expect(await listOutbox(store.db, 'pending')).toEqual([])
    // A day of 2027, which has no notice: generated, marked 暂定; the admins' notice on stderr.
    const provisional = run(['--date', '2027-01-05'])
    expect(provisional.status).toBe(0)
    expect(provisional.stdout).toMatch(/^📰 督办日报 · 1月5日 星期二（暂定）\n在库项目 4 个/u)
    expect(provisional.stdout).toMatch(/本简报的工作日数、超期和临期均为暂定/u)
    expect(provisional.stderr).toMatch(/^⚠️ 2027 年的放假安排还没有导入[\s\S]*npm run holidays -- import 通知\.txt/u)
    const wrong = run(['--date', '10/12'])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toMatch(/用法：npm run digest/)
  })

  /**
   * Runs the jobs with a digest due at start and the given recipient lookup, until the digest is
   * queued; returns how many lookups it took and what was logged.
   */
  async function digestAfterRetries(findRecipient: (lookup: number) => Promise<{ kind: 'contact'; id: string } | null>) {
    await seed(store.db)
    let lookups = 0
    const logs: string[] = []
    const jobs = startJobs(
      {
        db: store.db,
        clock: new FakeClock('2026-10-12T10:00:00+08:00'),
        rules: { ...rules, digestRecipients: ['王局长'] },
        // Midnight only: after the catch-up at start, the retries are what runs the digest.
        schedule: { reminder: '0 0 0 1 1 *', blockers: '0 0 0 1 1 *', digest: '0 0 0 * * *', weekly: '0 9 * * 1' } satisfies JobSchedule,
        log: { info: () => {}, warn: (l) => logs.push(l), error: (l) => logs.push(l) },
        directory: { roomMembers: async () => [], findRecipient: () => findRecipient(++lookups) },
        wake: () => {},
      },
      [reminderJob, blockerJob, digestJob],
      { everyMs: 20, times: 5 },
    )
    try {
      for (let waited = 0; (await listOutbox(store.db, 'pending')).length === 0; waited += 10) {
        if (waited > 5_000) throw new Error(`no digest queued; lookups: ${lookups}; ${logs.join('; ')}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    } finally {
      await jobs.stop()
    }
    expect((await listOutbox(store.db, 'pending')).map((o) => o.target.id)).toEqual(['wxid_chief'])
    return { lookups, logs }
  }

  it('tries the digest again while no recipient is known to WeChat yet (contacts still loading after login)', async () => {
    // Found on the third lookup only.
    const { lookups, logs } = await digestAfterRetries(async (n) => (n >= 3 ? { kind: 'contact', id: 'wxid_chief' } : null))
    expect(lookups).toBe(3)
    expect(logs.filter((l) => l.includes('稍后重试'))).toHaveLength(2)
  })

  it('tries the digest again when looking up its recipients fails (WeChat offline at the scheduled time)', async () => {
    // The connection is down for the first two lookups.
    const { lookups, logs } = await digestAfterRetries(async (n) => {
      if (n < 3) throw new Error('gRPC: UNAVAILABLE')
      return { kind: 'contact', id: 'wxid_chief' }
    })
    expect(lookups).toBe(3)
    expect(logs.filter((l) => l.includes('UNAVAILABLE'))).toHaveLength(2)
  })
})
