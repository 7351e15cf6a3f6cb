import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SLOW_THRESHOLDS } from '../../src/domain/slow-projects.ts'
import type { ParsedRecord } from '../../src/parse/types.ts'
import { getDigestData } from '../../src/reports/digest-data.ts'
import { getProjectStatus, listOpenIssues, listProjectStatuses, type StatusQuery } from '../../src/reports/status.ts'
import {
  countOpenIssuesByDueYear,
  ingestMessage,
  openIssue,
  recallMessage,
  recordStage,
  resolveIssue,
  type Db,
} from '../../src/store/index.ts'
import { message, newProject, openTestStore, recallOf, settings, type TestStore } from './store-fixture.ts'

const query = (today: string): StatusQuery => ({ today, calendar: settings.calendar, timeZone: 'Asia/Shanghai', thresholds: DEFAULT_SLOW_THRESHOLDS })
const beijing = (local: string) => new Date(`${local}+08:00`)
const progress = (summary: string, percent: number | null = null): ParsedRecord => ({ type: 'progress', stage: null, percent, due: null, summary })

async function issueAt(db: Db, projectId: number, openedAt: string, due: string | null = null) {
  return openIssue(
    db,
    { projectId, messageId: null, command: 'report', actorId: null, at: beijing(openedAt) },
    { category: 'approval', due, summary: `施工许可 ${openedAt}` },
    settings,
  )
}

describe('queries', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it("a project's status: stage, latest progress, days since it, open issues by urgency", async () => {
    const p = await newProject(store.db, '宏达电子')
    const stageSource = { projectId: p.id, messageId: null, command: 'stage', actorId: null, at: beijing('2026-01-05T09:00:00') }
    await recordStage(store.db, stageSource, 'signed', '2025-06-01')
    await recordStage(store.db, stageSource, 'land', '2025-12-01')
    await ingestMessage(store.db, message(p.id, { sentAt: beijing('2026-02-27T10:00:00') }), [progress('旧', 30)], settings)
    await ingestMessage(store.db, message(p.id, { sentAt: beijing('2026-03-02T10:00:00') }), [progress('主体完成六成', 60)], settings)
    const recalled = message(p.id, { sentAt: beijing('2026-03-03T10:00:00') })
    await ingestMessage(store.db, recalled, [progress('撤回的')], settings)
    await recallMessage(store.db, recallOf(recalled), beijing('2026-03-03T10:01:00'))

    await issueAt(store.db, p.id, '2026-03-02T09:00:00') // due 03-11: green on the 5th
    await issueAt(store.db, p.id, '2026-02-27T09:00:00') // due 03-10: yellow on the 5th (2 left)
    await issueAt(store.db, p.id, '2026-02-25T09:00:00') // due 03-05: yellow (due today)
    await issueAt(store.db, p.id, '2026-02-12T09:00:00') // due 02-28: red
    const solved = await issueAt(store.db, p.id, '2026-02-12T09:00:00')
    await resolveIssue(store.db, { issueId: solved.id, text: '办结', command: 'resolve', actorId: null, messageId: null, at: beijing('2026-03-01T09:00:00') }, settings.timeZone)

    const status = await getProjectStatus(store.db, p.id, query('2026-03-05'))
    expect(status?.stage).toEqual({ stage: 'land', since: '2025-12-01' })
    expect(status?.slow).toBeNull()
    expect(status?.latestProgress?.summary).toBe('主体完成六成')
    expect([status?.daysSinceUpdate, status?.workingDaysSinceUpdate]).toEqual([3, 3])
    expect(status?.openIssues).toEqual({ total: 4, red: 1, yellow: 2, green: 1 })
    expect(status?.lastMessageOn).toBe('2026-03-03')
    expect(status?.workingDaysSilent).toBe(2)
    expect(await getProjectStatus(store.db, 999, query('2026-03-05'))).toBeNull()

    const all = await listProjectStatuses(store.db, query('2026-03-05'))
    expect(all.statuses).toHaveLength(1)
    expect(all.statuses[0]).toEqual(status)
  })

  it('lists open issues most urgent first, aged in working days across the Spring Festival', async () => {
    const a = await newProject(store.db, '甲')
    const b = await newProject(store.db, '乙')
    await issueAt(store.db, a.id, '2026-02-12T09:00:00') // due 02-28 (make-up Saturday)
    await issueAt(store.db, b.id, '2026-02-13T09:00:00') // due 03-02
    await issueAt(store.db, b.id, '2026-02-26T09:00:00', '2026-03-20')
    const retracted = await issueAt(store.db, a.id, '2026-02-10T09:00:00')
    await store.db.updateTable('issues').set({ retracted_at: 'x' }).where('id', '=', retracted.id).execute()

    const all = await listOpenIssues(store.db, { today: '2026-03-03', calendar: settings.calendar })
    expect(all.map((i) => [i.projectName, i.number, i.dueOn, i.ageWorkingDays, i.urgency, i.overdueWorkingDays])).toEqual([
      // 13th, 14th (make-up), 24th … 27th, 28th (make-up), 2nd, 3rd: 9 working days old, 2 past due.
      ['甲', 1, '2026-02-28', 9, 'red', 2],
      ['乙', 1, '2026-03-02', 8, 'red', 1],
      ['乙', 2, '2026-03-20', 4, 'green', 0],
    ])
    const onlyB = await listOpenIssues(store.db, { projectId: b.id, today: '2026-03-03', calendar: settings.calendar })
    expect(onlyB.map((i) => i.number)).toEqual([1, 2])
  })

  it('finds slow projects at the edges of each threshold', async () => {
    const cases: [string, 'signed' | 'land' | 'construction', string][] = [
      ['签约刚满六月', 'signed', '2025-09-05'],
      ['签约超六月', 'signed', '2025-09-04'],
      ['供地刚满六月', 'land', '2025-09-05'],
      ['供地超六月', 'land', '2025-09-04'],
      ['开工刚满十八月', 'construction', '2024-09-05'],
      ['开工超十八月', 'construction', '2024-09-04'],
    ]
    for (const [name, stage, on] of cases) {
      const p = await newProject(store.db, name)
      await recordStage(store.db, { projectId: p.id, messageId: null, command: 'stage', actorId: null, at: beijing('2026-01-01T09:00:00') }, stage, on)
    }
    const slowOnes = async (q: StatusQuery) => (await listProjectStatuses(store.db, q)).statuses.filter((s) => s.slow !== null)
    const slow = await slowOnes(query('2026-03-05'))
    expect(slow.map((s) => [s.project.name, s.slow?.stage, s.slow?.limit])).toEqual([
      ['签约超六月', 'signed', '2026-03-04'],
      ['供地超六月', 'land', '2026-03-04'],
      ['开工超十八月', 'construction', '2026-03-04'],
    ])
    const tight = await slowOnes({ ...query('2026-03-05'), thresholds: { signedMonths: 7, landMonths: 6, constructionMonths: 17 } })
    expect(tight.map((s) => s.project.name).sort()).toEqual(['供地超六月', '开工刚满十八月', '开工超十八月'].sort())
  })

  it('names in the digest the issues five working days or more overdue, most overdue first, and the oldest of the rest', async () => {
    const p = await newProject(store.db, '丙', beijing('2026-02-01T09:00:00'))
    // Monday 2026-03-09: due 3月2日 is five working days overdue (3, 4, 5, 6, 9 March), due 3月3日 four.
    const dueMarch2 = await issueAt(store.db, p.id, '2026-02-24T10:00:00', '2026-03-02')
    const dueFeb10 = await issueAt(store.db, p.id, '2026-02-05T10:00:00', '2026-02-10')
    const dueMarch3 = await issueAt(store.db, p.id, '2026-02-26T10:00:00', '2026-03-03')
    // Without a date of its own an issue is due 7 working days on (4 March): overdue, not severely.
    const noDue = await issueAt(store.db, p.id, '2026-02-20T10:00:00')
    const digest = await getDigestData(store.db, query('2026-03-09'))
    expect(digest.severeOverdue.total).toBe(2)
    expect(digest.severeOverdue.most.map((i) => [i.number, i.overdueWorkingDays])).toEqual([
      [dueFeb10.number, 15],
      [dueMarch2.number, 5],
    ])
    expect(digest.oldest.map((i) => i.number)).toEqual([noDue.number, dueMarch3.number])
    expect(digest.openByTeam.approval).toEqual({ red: 4, yellow: 0, green: 0 })
  })

  it("gathers a day's digest: the window since the previous working day, opened, resolved, open, silent", async () => {
    const a = await newProject(store.db, '甲', beijing('2026-02-01T09:00:00'))
    const b = await newProject(store.db, '乙', beijing('2026-02-01T09:00:00'))
    // Monday 2026-03-09: the window is Friday the 6th up to Monday itself.
    await ingestMessage(store.db, message(a.id, { sentAt: beijing('2026-03-05T18:00:00') }), [progress('周四的')], settings)
    await ingestMessage(store.db, message(a.id, { sentAt: beijing('2026-03-06T10:00:00') }), [progress('周五的')], settings)
    await ingestMessage(store.db, message(a.id, { sentAt: beijing('2026-03-08T10:00:00') }), [progress('周日的')], settings)
    await ingestMessage(store.db, message(a.id, { sentAt: beijing('2026-03-09T08:00:00') }), [progress('当天的')], settings)
    const openedFriday = await issueAt(store.db, b.id, '2026-03-06T11:00:00')
    const openedEarlier = await issueAt(store.db, b.id, '2026-02-24T11:00:00')
    await resolveIssue(store.db, { issueId: openedEarlier.id, text: '已办', command: 'resolve', actorId: null, messageId: null, at: beijing('2026-03-07T09:00:00') }, settings.timeZone)

    const digest = await getDigestData(store.db, query('2026-03-09'))
    expect([digest.since, digest.until]).toEqual(['2026-03-06', '2026-03-09'])
    expect(digest.progress.map((x) => [x.projectName, x.summary, x.reporterName])).toEqual([
      ['甲', '周五的', '张科长'],
      ['甲', '周日的', '张科长'],
      ['甲', '当天的', '张科长'],
    ])
    expect(digest.opened.map((i) => [i.projectName, i.number])).toEqual([['乙', openedFriday.number]])
    expect(digest.resolved.map((i) => [i.projectName, i.number])).toEqual([['乙', openedEarlier.number]])
    expect(digest.oldest.map((i) => i.number)).toEqual([openedFriday.number])
    expect(digest.severeOverdue).toEqual({ total: 0, most: [] })
    expect(digest.openByTeam.approval).toEqual({ red: 0, yellow: 0, green: 1 })
    // 乙 never spoke: silent since it was created on Sunday 2026-02-01; 22 working days to the 9th,
    // counting the two make-up Saturdays and none of the festival.
    expect(digest.projects.map((s) => [s.project.name, s.workingDaysSilent])).toEqual([
      ['甲', 0],
      ['乙', 22],
    ])
  })

  it('counts the open issues due from today on by the year due: undated, closed and past-due ones left out', async () => {
    const p = await newProject(store.db, '宏达电子')
    const statedOnly = { ...settings, dueDate: (_: string, stated: string | null) => stated }
    const raise = (openedAt: string, due: string | null) =>
      openIssue(store.db, { projectId: p.id, messageId: null, command: 'report', actorId: null, at: beijing(openedAt) }, { category: 'approval', due, summary: openedAt }, statedOnly)
    await raise('2026-12-20T09:00:00', null)
    await raise('2026-12-20T09:00:00', '2026-12-27')
    const closed = await raise('2026-12-22T09:00:00', '2027-01-04')
    await resolveIssue(store.db, { issueId: closed.id, text: '办好了', command: 'resolve', actorId: null, messageId: null, at: beijing('2026-12-23T09:00:00') }, settings.timeZone)
    await raise('2026-12-22T09:00:00', '2026-12-30')
    await raise('2026-12-22T09:00:00', '2027-01-05')
    await raise('2026-12-23T09:00:00', '2027-01-06')
    await raise('2026-12-23T09:00:00', '2027-03-01')
    const counts = await countOpenIssuesByDueYear(store.db, '2026-12-28')
    expect([...counts].sort((a, b) => a.dueYear - b.dueYear)).toEqual([
      { dueYear: 2026, count: 1 },
      { dueYear: 2027, count: 3 },
    ])
  })
})
