import { describe, expect, it } from 'vitest'
import { assembleDigest, wholeMonths } from '../../../src/domain/digest.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import type { DigestOpenIssue } from '../../../src/domain/types.ts'
import { CATEGORIES, type Category } from '../../../src/parse/types.ts'
import { renderCalendarMissingDigest, renderCalendarNotice, renderDigest } from '../../../src/text/digest.ts'

const none = { red: 0, yellow: 0, green: 0 }
const noProvisional = { years: [], today: false, dueDates: 0 }
const noOpenIssues = {
  openByTeam: Object.fromEntries(CATEGORIES.map((c) => [c, none])) as Record<Category, typeof none>,
  severeOverdue: { total: 0, most: [] },
  oldest: [],
}

describe('a digest with nothing to say', () => {
  it('still says something: the day, the headcount, and that nothing needs attention', () => {
    const digest = assembleDigest({
      data: { day: '2026-10-12', since: '2026-10-10', until: '2026-10-12', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      provisional: noProvisional,
    })
    expect(renderDigest(digest)).toBe(
      '📰 督办日报 · 10月12日 星期一\n在库项目 0 个。\n10月10日以来 无新进度，无未办结问题，无慢项目和沉默群，今日无需关注事项。',
    )
  })

  it('notes, last, which figures used a provisional year; the admins alone are told how to make it official', () => {
    const digest = assembleDigest({
      data: { day: '2026-12-28', since: '2026-12-25', until: '2026-12-28', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      provisional: { years: [2027], today: false, dueDates: 2 },
    })
    const text = renderDigest(digest)
    expect(text).toMatch(/^📰 督办日报 · 12月28日 星期一\n在库项目 0 个。/u)
    expect(text).toMatch(/\n\n注：国务院尚未公布 2027 年放假安排，2027 年暂按法定节假日计（[^）]+不含调休）。2 个未办结问题的到期日和剩余工作日为暂定。$/u)
    expect(text).not.toMatch(/holidays/)
    const notice = renderCalendarNotice({ provisional: [2027], comingYear: null })
    expect(notice).toMatch(/^⚠️ 2027 年的放假安排还没有导入/u)
    expect(notice).toContain('\nnpm run holidays -- import 通知.txt\n')
  })

  it('marks the whole digest 暂定 when today is in a provisional year', () => {
    const digest = assembleDigest({
      data: { day: '2027-01-05', since: '2027-01-04', until: '2027-01-05', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      provisional: { years: [2027], today: true, dueDates: 0 },
    })
    const text = renderDigest(digest)
    expect(text).toMatch(/^📰 督办日报 · 1月5日 星期二（暂定）\n/u)
    expect(text).toMatch(/本简报的工作日数、超期和临期均为暂定。$/u)
  })

  it('warns in December of a coming year with no notice, with the command', () => {
    expect(renderCalendarNotice({ provisional: [], comingYear: 2027 })).toMatch(/^⚠️ 还没有 2027 年的放假安排：1月1日起将暂按法定节假日计算[\s\S]*《关于2027年部分节假日安排的通知》[\s\S]*\nnpm run holidays -- import 通知\.txt\n/u)
  })

  it('says nothing of the calendar when no figure needed the missing year', () => {
    const digest = assembleDigest({
      data: { day: '2026-11-02', since: '2026-10-30', until: '2026-11-02', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      provisional: noProvisional,
    })
    expect(renderDigest(digest)).not.toMatch(/日历/)
  })

  it('when today\'s year is missing, says only that', () => {
    expect(renderCalendarMissingDigest('2027-01-04', 2027)).toBe(
      '📰 督办日报 · 1月4日\n⚠️ 日历缺少 2027 年法定节假日数据，无法判断工作日、计算到期日和超期天数，今日简报未生成。\n' +
        '请管理员在 data/holidays.json 补充该年的放假与调休安排（见 README），补充后发 /简报 即可获取。',
    )
  })
})

describe('a digest with issues open', () => {
  it('counts each team by urgency, names the severely overdue up to ten and says how many more', () => {
    const overdue = (n: number): DigestOpenIssue => ({
      id: n, projectId: 1, projectName: '宏达电子', number: n, category: 'land', summary: `青苗补偿第${n}户未谈妥`, status: 'open',
      openedOn: '2026-08-03', dueOn: '2026-08-12', assigneeId: null, ageWorkingDays: 50, urgency: 'red', overdueWorkingDays: 40 - n, provisional: false,
    })
    const digest = assembleDigest({
      data: {
        day: '2026-10-12', since: '2026-10-10', until: '2026-10-12', projects: [], progress: [], opened: [], resolved: [],
        ...noOpenIssues,
        openByTeam: { ...noOpenIssues.openByTeam, land: { red: 12, yellow: 1, green: 3 } },
        severeOverdue: { total: 12, most: Array.from({ length: 10 }, (_, k) => overdue(k + 1)) },
        stageReports: [],
        escalated: [2],
      },
      teams: DEFAULT_TEAMS,
      admins: [],
      makeUp: false,
      provisional: noProvisional,
    })
    const text = renderDigest(digest)
    expect(text).toContain('一、严重超期问题（超期 5 个工作日及以上）12 个\n🔴 宏达电子 #1 青苗补偿第1户未谈妥（超期39个工作日）\n🔴 宏达电子 #2 青苗补偿第2户未谈妥（超期38个工作日，已提级）\n')
    expect(text).toContain('🔴 宏达电子 #10 青苗补偿第10户未谈妥（超期30个工作日）\n……另有 2 项')
    expect(text).toMatch(/二、各专班问题[^\n]*\n[^\n]*：未办结 16（🔴12 🟡1），新增 0，办结 0/u)
  })
})

describe('wholeMonths: how long a project has been in its stage', () => {
  it.each([
    ['2026-01-05', '2026-07-04', 5],
    ['2026-01-05', '2026-07-05', 6],
    ['2025-08-31', '2026-02-28', 5],
    ['2024-04-10', '2026-10-10', 30],
  ])('%s → %s: %i', (from, to, months) => {
    expect(wholeMonths(from, to)).toBe(months)
  })
})
