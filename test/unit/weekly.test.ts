import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { buildProjectStatus } from '../../src/domain/project-status.ts'
import { workingDayCounter } from '../../src/domain/sla.ts'
import { DEFAULT_SLOW_THRESHOLDS, type StageDates } from '../../src/domain/slow-projects.ts'
import { DEFAULT_TEAMS } from '../../src/domain/teams.ts'
import type { Project } from '../../src/domain/types.ts'
import { assembleWeekly, median, rankTeams, weekBefore, type TeamWeekLine, type WeeklyIssue } from '../../src/domain/weekly.ts'
import { CATEGORIES, type Category } from '../../src/parse/types.ts'
import { paceText, renderWeekly } from '../../src/text/weekly.ts'

/** Monday 2026-12-07: the week reported is 11月30日 (Monday) to 12月6日 (Sunday). */
const DAY = '2026-12-07'
const days = workingDayCounter(loadCalendar(), DAY)
const none = { red: 0, yellow: 0, green: 0 }

const project = (id: number, name: string): Project => ({ id, name, county: '城东区', roomId: `${id}@chatroom`, roomTopic: `【项目】${name}推进群`, muted: false, createdAt: new Date('2025-01-01T00:00:00Z') })
const status = (id: number, name: string, stages: StageDates) =>
  buildProjectStatus(project(id, name), stages, null, DAY, none, days, { timeZone: 'Asia/Shanghai', thresholds: DEFAULT_SLOW_THRESHOLDS })
const issue = (category: Category, openedOn: string, dueOn: string | null, resolvedOn: string | null = null): WeeklyIssue => ({ category, openedOn, dueOn, resolvedOn })

describe('the weekly 通报 as facts', () => {
  const weekly = assembleWeekly(
    {
      day: DAY,
      ...weekBefore(DAY),
      issues: [
        // land: two received in the week, one closed in time (3 working days), one closed late (12).
        issue('land', '2026-11-30', '2026-12-09'),
        issue('land', '2026-12-01', '2026-12-10', '2026-12-04'),
        issue('land', '2026-11-16', '2026-11-25', '2026-12-02'),
        // finance: one received on the Sunday, nothing closed.
        issue('finance', '2026-12-06', '2026-12-15'),
        // Outside the week on both ends: not counted.
        issue('approval', '2026-11-20', '2026-12-01', '2026-12-07'),
      ],
      openByTeam: { ...(Object.fromEntries(CATEGORIES.map((c) => [c, none])) as Record<Category, typeof none>), land: { red: 2, yellow: 0, green: 1 }, finance: { red: 0, yellow: 0, green: 1 } },
      projects: [
        status(1, '新材料', { signed: '2026-09-01', land: '2026-12-02' }),
        status(2, '电子', { signed: '2026-05-01', land: '2026-10-08', construction: '2026-12-05' }),
        status(3, '机械', { signed: '2026-03-01', land: '2026-09-20' }),
        status(4, '食品', { signed: '2025-01-10' }),
      ],
    },
    DEFAULT_TEAMS,
    days,
  )

  it('counts each team: received, closed, closed in time and its share, the median working days, open and overdue now', () => {
    expect(weekly.since).toBe('2026-11-30')
    expect(weekly.until).toBe('2026-12-06')
    expect(weekly.teams).toEqual([
      { category: 'land', name: '土地工作专班', received: 2, closed: 2, closedInTime: 1, inTimeShare: 0.5, medianWorkingDays: 7.5, open: 3, overdue: 2 },
      { category: 'finance', name: '金融工作专班', received: 1, closed: 0, closedInTime: 0, inTimeShare: null, medianWorkingDays: null, open: 1, overdue: 0 },
    ])
  })

  it('lists the stages reached in the week and the speeds of the last 90 days', () => {
    expect(weekly.steps).toEqual([
      { projectName: '新材料', stage: 'land', on: '2026-12-02' },
      { projectName: '电子', stage: 'construction', on: '2026-12-05' },
    ])
    // 签约→供地 within 90 days before 12月7日 (from 9月8日): 新材料 92 days, 电子 160, 机械 203.
    expect(weekly.signedToLand).toEqual({ medianDays: 160, projects: 3 })
    expect(weekly.landToConstruction).toEqual({ medianDays: 58, projects: 1 })
    expect(weekly.landsInPace).toBe(3)
    expect(paceText(weekly.landsInPace)).toBe('全市近 90 天供地 3 个项目，平均每 30 天一个项目供地')
    expect(weekly.slow.map((s) => s.projectName)).toEqual(['食品'])
  })

  it('says it in words, the slowest team first', () => {
    expect(renderWeekly(weekly, '临江市')).toBe(
      [
        '📢 临江市项目督办周通报（11月30日至12月6日）',
        '',
        '一、各专班办理情况（超期多、按期办结率低的排在前面）',
        '1. 土地工作专班：收到 2，办结 2（按期 1，占 50%，中位 7.5 个工作日），未办结 3，其中超期 2',
        '2. 金融工作专班：收到 1，办结 0，未办结 1，其中超期 0',
        '',
        '二、节点推进',
        '本周到达节点 2 个：',
        '新材料 供地（12月2日）',
        '电子 动工（12月5日）',
        '近 90 天：签约→供地 中位 160 天（3 个项目）；供地→动工 中位 58 天（1 个项目）',
        '全市近 90 天供地 3 个项目，平均每 30 天一个项目供地',
        '',
        '三、进展缓慢项目 1 个',
        '食品：签约已 22 个月未供地（2025年1月10日签约，时限 6 个月）',
      ].join('\n'),
    )
  })
})

describe('ranking and medians', () => {
  const line = (name: string, o: Partial<TeamWeekLine>): TeamWeekLine => ({
    category: 'land', name, received: 0, closed: 0, closedInTime: 0, inTimeShare: null, medianWorkingDays: null, open: 0, overdue: 0, ...o,
  })

  it('ranks by overdue now, then the share closed in time, then open, then the median', () => {
    const ranked = rankTeams([
      line('甲', { overdue: 0, inTimeShare: 1, medianWorkingDays: 2 }),
      line('乙', { overdue: 3 }),
      line('丙', { overdue: 0, inTimeShare: 0.5 }),
      line('丁', { overdue: 0, inTimeShare: 0.5, medianWorkingDays: 9 }),
      line('戊', { overdue: 0, open: 1 }),
    ])
    expect(ranked.map((l) => l.name)).toEqual(['乙', '丁', '丙', '戊', '甲'])
  })

  it('takes the middle, or the mean of the two middles', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 10])).toBe(3.5)
  })

  it('says the pace of a busy city per day', () => {
    expect(paceText(0)).toBe('全市近 90 天没有项目供地')
    expect(paceText(180)).toBe('全市近 90 天供地 180 个项目，平均每天 2 个项目供地')
  })
})
