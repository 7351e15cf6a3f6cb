/**
 * A year imported while the bot runs: the calendar every part reads changes at once, and the open
 * issues whose due date was counted over the provisional year are counted again, with an event.
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { slaDueDate } from '../../src/domain/sla.ts'
import { FakeClock } from '../../src/clock.ts'
import { watchHolidayFile, type HolidayReload } from '../../src/jobs/holiday-reload.ts'
import type { Logger } from '../../src/log.ts'
import { findIssueById, listIssueEvents, openIssue, resolveIssue } from '../../src/store/index.ts'
import { newProject, openTestStore, type TestStore } from './store-fixture.ts'

/** The 2027 this test imports: 春节 2月5日–13日 with 2月20日 worked (made up; no notice exists yet). */
const year2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`)],
  workdays: ['2027-02-20'],
}

describe('HOLIDAYS_FILE changed while the bot runs', () => {
  let store: TestStore
  let file: string
  let reload: HolidayReload | undefined
  const lines: string[] = []
  const log: Logger = { info: (l) => lines.push(l), warn: (l) => lines.push(l), error: (l) => lines.push(l) }

  beforeEach(async () => {
    store = await openTestStore()
    file = join(mkdtempSync(join(tmpdir(), 'duban-reload-')), 'holidays.json')
    lines.length = 0
  })
  afterEach(async () => {
    reload?.stop()
    await store.close()
  })

  const write = (json: unknown) => {
    // As the import writes it: beside, then renamed over.
    writeFileSync(`${file}.tmp`, JSON.stringify(json))
    renameSync(`${file}.tmp`, file)
  }

  it('replaces the provisional year at once and recomputes the due dates counted over it, with an event', async () => {
    const calendar = loadCalendar(file)
    const settings = { timeZone: 'Asia/Shanghai', dueDate: slaDueDate(calendar, 7) }
    const p = await newProject(store.db, '新材料')
    const source = (at: string) => ({ projectId: p.id, messageId: null, command: 'report', actorId: null, at: new Date(`${at}+08:00`) })
    // Raised on 2027-02-01: 7 working days skipping the provisional 春节 (5–8日) end on 12日.
    const counted = await openIssue(store.db, source('2027-02-01T10:00:00'), { category: 'land', due: null, summary: '征地拆迁还有两户没谈妥' }, settings)
    expect(counted.dueOn).toBe('2027-02-12')
    // A deadline the reporter stated is theirs and stays.
    const stated = await openIssue(store.db, source('2027-02-01T11:00:00'), { category: 'finance', due: '2027-02-26', summary: '贷款审批卡在省行' }, settings)
    // Closed issues are history: not touched.
    const closed = await openIssue(store.db, source('2027-02-01T12:00:00'), { category: 'labour', due: null, summary: '用工缺口' }, settings)
    await resolveIssue(store.db, { issueId: closed.id, actorId: null, messageId: null, at: new Date('2027-02-02T09:00:00+08:00'), text: null, command: 'resolve' }, 'Asia/Shanghai')

    // Polled once a minute here: the test asks itself (the next test lets the poll find it).
    reload = watchHolidayFile({ path: file, calendar, db: store.db, clock: new FakeClock('2027-02-03T09:00:00+08:00'), log, slaWorkingDays: 7 }, 60_000)
    expect(await reload.check()).toEqual({ official: [], recomputed: 0 })
    write({ years: { 2027: year2027 } })
    expect(await reload.check()).toEqual({ official: [2027], recomputed: 1 })

    expect(calendar.isProvisional(2027)).toBe(false)
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false)
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true)
    // 2–4 (3), then 14日 is a Sunday: 15–18 (7).
    expect((await findIssueById(store.db, counted.id))?.dueOn).toBe('2027-02-18')
    const events = await listIssueEvents(store.db, counted.id)
    expect(events.map((e) => [e.kind, e.note])).toEqual([
      ['opened', null],
      ['due-recomputed', '2027-02-12 2027-02-18'],
    ])
    expect((await findIssueById(store.db, stated.id))?.dueOn).toBe('2027-02-26')
    expect((await listIssueEvents(store.db, closed.id)).map((e) => e.kind)).not.toContain('due-recomputed')
    expect(lines).toContain('按 2027 年的放假安排重算了 1 个未办结问题的到期日')
    // Once: the same file again changes nothing.
    expect(await reload.check()).toEqual({ official: [], recomputed: 0 })
  })

  it('notices the file by itself, without being asked', async () => {
    const calendar = loadCalendar(file)
    reload = watchHolidayFile({ path: file, calendar, db: store.db, clock: new FakeClock('2027-02-03T09:00:00+08:00'), log, slaWorkingDays: 7 }, 50)
    write({ years: { 2027: year2027 } })
    const deadline = Date.now() + 10_000
    while (calendar.isProvisional(2027) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(calendar.isProvisional(2027)).toBe(false)
  })

  it('keeps the calendar as it was when the file is broken, and says so once', async () => {
    const calendar = loadCalendar(file)
    reload = watchHolidayFile({ path: file, calendar, db: store.db, clock: new FakeClock('2027-02-03T09:00:00+08:00'), log, slaWorkingDays: 7 }, 60_000)
    writeFileSync(file, '{ "years": { "2027": ')
    await reload.check()
    await reload.check()
    expect(calendar.isProvisional(2027)).toBe(true)
    expect(lines.filter((l) => l.includes('不是有效的 JSON'))).toHaveLength(1)
    expect(lines[0]).toMatch(/日历仍按改动前的数据计算，改正文件后自动生效$/u)
  })
})
