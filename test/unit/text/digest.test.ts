import { describe, expect, it } from 'vitest'
import { assembleDigest, wholeMonths } from '../../../src/domain/digest.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import type { DigestOpenIssue } from '../../../src/domain/types.ts'
import { CATEGORIES, type Category } from '../../../src/parse/types.ts'
import { renderCalendarMissingDigest, renderCalendarNotice, renderDigest } from '../../../src/text/digest.ts'

const none = { red: 0, yellow: 0, green: 0 }
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
      calendarGaps: [],
    })
    expect(renderDigest(digest)).toBe(
      '📰 督办日报 · 10月12日 星期一\n在库项目 0 个。\n10月10日以来 无新进度，无未办结问题，无慢项目和沉默群，今日无需关注事项。',
    )
  })

  it('notes, last, what a missing calendar year left uncounted; the admins alone are told what to do', () => {
    const digest = assembleDigest({
      data: { day: '2026-12-28', since: '2026-12-25', until: '2026-12-28', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      calendarGaps: [{ year: 2027, undated: 2, uncounted: 1 }],
    })
    const text = renderDigest(digest)
    expect(text).toMatch(/^📰 督办日报 · 12月28日 星期一\n在库项目 0 个。/u)
    expect(text).toMatch(/\n\n注：日历缺少 2027 年法定节假日数据：2 个问题的到期日无法计算，暂按未定期限统计，1 个问题的剩余工作日无法计算，暂按临期统计。$/u)
    expect(text).not.toMatch(/holidays\.json/)
    expect(renderCalendarNotice(digest.calendarGaps)).toMatch(/^⚠️ 日历缺少 2027 年[\s\S]*\n请在 data\/holidays\.json（或 HOLIDAYS_FILE 指定的文件）补充 2027 年的放假与调休安排/u)
  })

  it('says nothing of the calendar when no figure needed the missing year', () => {
    const digest = assembleDigest({
      data: { day: '2026-11-02', since: '2026-10-30', until: '2026-11-02', projects: [], progress: [], opened: [], resolved: [], ...noOpenIssues, stageReports: [], escalated: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      admins: [],
      calendarGaps: [],
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
      openedOn: '2026-08-03', dueOn: '2026-08-12', assigneeId: null, ageWorkingDays: 50, urgency: 'red', overdueWorkingDays: 40 - n,
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
      calendarGaps: [],
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
