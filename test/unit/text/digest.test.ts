import { describe, expect, it } from 'vitest'
import { assembleDigest, wholeMonths } from '../../../src/domain/digest.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import { renderCalendarMissingDigest, renderDigest } from '../../../src/text/digest.ts'

describe('a digest with nothing to say', () => {
  it('still says something: the day, the headcount, and that nothing needs attention', () => {
    const digest = assembleDigest({
      data: { day: '2026-10-12', since: '2026-10-10', until: '2026-10-11', projects: [], progress: [], opened: [], resolved: [], openIssues: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      missingYears: [],
    })
    expect(renderDigest(digest)).toBe(
      '📰 督办日报 · 10月12日 星期一\n在库项目 0 个。\n10月10日至10月11日 无新进度，无未办结问题，无慢项目和沉默群，今日无需关注事项。',
    )
  })

  it('warns about a missing calendar year at the top', () => {
    const digest = assembleDigest({
      data: { day: '2026-11-02', since: '2026-10-30', until: '2026-11-01', projects: [], progress: [], opened: [], resolved: [], openIssues: [] },
      teams: DEFAULT_TEAMS,
      makeUp: false,
      missingYears: [2027],
    })
    expect(renderDigest(digest)).toMatch(/^📰 督办日报 · 11月2日 星期一\n⚠️ 日历缺少 2027 年法定节假日数据/u)
  })

  it('when today\'s year is missing, says only that', () => {
    expect(renderCalendarMissingDigest('2027-01-04', 2027)).toBe(
      '📰 督办日报 · 1月4日\n⚠️ 日历缺少 2027 年法定节假日数据，无法判断工作日、计算到期日和超期天数，今日简报未生成。\n' +
        '请管理员在 data/holidays.json 补充该年的放假与调休安排（见 README），补充后发 /简报 即可获取。',
    )
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
