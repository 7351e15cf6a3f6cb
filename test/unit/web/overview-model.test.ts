import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { buildProjectStatus } from '../../../src/domain/project-status.ts'
import { workingDayCounter, type ColourCounts, type IssueColour, type UrgencyCounts } from '../../../src/domain/sla.ts'

/** The chat's two steps from the board's colours, as the overview's counts give both: overdue is red, near due yellow. */
const urgencyOfColours = (c: ColourCounts): UrgencyCounts => ({ red: c.red + c.yellow, yellow: c.blue, green: c.green })
import { DEFAULT_SLOW_THRESHOLDS, type StageDates } from '../../../src/domain/slow-projects.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import { CATEGORIES, type Category } from '../../../src/parse/types.ts'
import { overviewModel, readOverviewFilters, type OverviewRow } from '../../../src/web/overview-model.ts'
import { overviewPage } from '../../../src/web/overview-page.ts'
import { firstOfLastWorkingDays } from '../../../src/web/team-model.ts'

const calendar = loadCalendar()
const today = '2026-10-12'
const days = workingDayCounter(calendar, today)

/** Open issues counted by colour. */
function tally(issues: readonly { colour: IssueColour }[]): ColourCounts {
  const counts = { red: 0, yellow: 0, blue: 0, green: 0 }
  for (const i of issues) counts[i.colour]++
  return counts
}

/** A project with its stages, a latest progress so many days ago, and open issues as (team, colour). */
function status(id: number, name: string, stages: StageDates, progressDaysAgo: number | null, issues: [Category, IssueColour][] = []) {
  const project = { id, name, county: null, roomId: `${id}@chatroom`, roomTopic: name, muted: false, createdAt: new Date('2025-01-01') }
  const latest =
    progressDaysAgo === null
      ? null
      : { id, projectId: id, messageId: null, sourceCommand: null, reporterId: null, stage: null, percent: 50, dueOn: null, summary: '进度', recordedAt: new Date(), recordedOn: `2026-10-${String(12 - progressDaysAgo).padStart(2, '0')}` }
  const open = issues.map(([category, colour]) => ({ projectId: id, category, colour }))
  return { status: buildProjectStatus(project, stages, latest, null, urgencyOfColours(tally(open)), days, { timeZone: 'Asia/Shanghai', thresholds: DEFAULT_SLOW_THRESHOLDS }), open }
}

const city = [
  status(1, '甲', { signed: '2026-09-01' }, 1, [['land', 'green'], ['approval', 'red']]),
  status(2, '乙', { signed: '2025-01-05' }, 3),
  status(3, '丙', { signed: '2025-06-01', land: '2025-08-01', construction: '2026-01-10' }, 9, [['finance', 'blue']]),
  status(4, '丁', {}, null, [['land', 'yellow'], ['finance', 'green']]),
]

/** The model as the route builds it: the store's counts (per team, and per project for the team asked for) made here from the issues. */
function model(query: Record<string, string> = {}) {
  const filters = readOverviewFilters((name) => query[name])
  const open = city.flatMap((c) => c.open)
  const teams = Object.fromEntries(CATEGORIES.map((t) => [t, tally(open.filter((i) => i.category === t))])) as Record<Category, ColourCounts>
  const team = filters.team === null ? null : new Map(city.map((c) => [c.status.project.id, tally(c.open.filter((i) => i.category === filters.team))]))
  for (const [id, counts] of team ?? []) if (counts.red + counts.yellow + counts.blue + counts.green === 0) team?.delete(id)
  const colours = { projects: new Map(city.map((c) => [c.status.project.id, tally(c.open)])), teams }
  return overviewModel({
    overview: { statuses: city.map((c) => c.status), teams: Object.fromEntries(CATEGORIES.map((t) => [t, urgencyOfColours(teams[t])])) as Record<Category, ReturnType<typeof urgencyOfColours>>, colours, team },
    filters,
    today,
    thresholds: DEFAULT_SLOW_THRESHOLDS,
    teams: DEFAULT_TEAMS,
  })
}

describe('the overview', () => {
  it('by urgency: 严重超期 (red), then 超期 (yellow), then 临期 (blue), then slow projects, then the longest without progress', () => {
    expect(model().rows.map((r) => r.name)).toEqual(['甲', '丁', '丙', '乙'])
    expect(model().issues).toEqual({ red: 1, yellow: 1, blue: 1, green: 2 })
  })

  it('has five chips per project, the current one marked, and months in the stage against its limit', () => {
    const bing = model().rows.find((r) => r.name === '丙')!
    expect(bing.chips.map((c) => [c.name, c.on, c.current])).toEqual([
      ['签约', '2025-06-01', false],
      ['供地', '2025-08-01', false],
      ['动工', '2026-01-10', true],
      ['竣工', null, false],
      ['投产', null, false],
    ])
    expect(bing.current).toEqual({ stage: 'construction', monthsIn: 9, limitMonths: 18 })
    expect(model().rows.find((r) => r.name === '乙')).toMatchObject({ slow: true, current: { monthsIn: 21, limitMonths: 6 } })
    expect(model().slow).toBe(1)
  })

  it('sorts by staleness, stage or name on request, and ignores what it does not know', () => {
    expect(model({ sort: 'stale' }).rows.map((r) => r.name)).toEqual(['丁', '丙', '乙', '甲'])
    expect(model({ sort: 'stage' }).rows.map((r) => r.name)).toEqual(['丁', '乙', '甲', '丙'])
    expect(model({ sort: 'name', stage: 'moon', team: 'lands' }).filters).toEqual({ sort: 'name', stage: null, team: null })
  })

  it('filters by current stage, and by team counting only that team’s issues', () => {
    expect(model({ stage: 'signed' }).rows.map((r) => r.name)).toEqual(['甲', '乙'])
    expect(model({ stage: 'none' }).rows.map((r) => r.name)).toEqual(['丁'])
    const finance = model({ team: 'finance' })
    expect(finance.rows.map((r) => [r.name, r.issues])).toEqual([
      ['丙', { red: 0, yellow: 0, blue: 1, green: 0 }],
      ['丁', { red: 0, yellow: 0, blue: 0, green: 1 }],
    ])
    expect(finance.total).toBe(4)
    expect(finance.teams.find((t) => t.category === 'land')).toMatchObject({ open: 2, issues: { red: 0, yellow: 1, blue: 0, green: 1 } })
  })
})

describe('the team page’s window', () => {
  it('is the last 7 working days up to today, over weekends, holidays and make-up days', () => {
    // Monday 2026-10-12: Saturday 10-10 was a make-up working day, 10-01…10-07 the National Day holiday.
    expect(firstOfLastWorkingDays(calendar, '2026-10-12', 7)).toBe('2026-09-28')
    // On a Sunday, today is not counted.
    expect(firstOfLastWorkingDays(calendar, '2026-11-29', 7)).toBe('2026-11-19')
  })
})

describe('the overview in a provisional year', () => {
  const ctx = { base: '/board', stylesheet: '/board/s.css', icon: '/board/i.svg' }
  it('says its coloured counts are 暂定, and why, only when a provisional year is near', () => {
    const plain = String(overviewPage(ctx, model()))
    expect(plain).not.toMatch(/暂定/)
    const provisional = String(overviewPage(ctx, { ...model(), provisionalYears: [2027] }))
    expect(provisional).toContain('🔴🟡🔵为暂定：2027 年放假安排尚未导入，按法定节假日推算')
  })
})

describe('the overview’s cards', () => {
  const ctx = { base: '/board', stylesheet: '/board/s.css', icon: '/board/i.svg' }
  const chips = (on: (string | null)[], current: number): OverviewRow['chips'] =>
    ['签约', '供地', '动工', '竣工', '投产'].map((name, i) => ({ name, on: on[i] ?? null, current: i === current }))
  const card = (row: Partial<OverviewRow>) => {
    const full: OverviewRow = {
      id: 123,
      name: '年产10万吨新材料',
      chips: chips([], -1),
      current: null,
      slow: false,
      progress: null,
      issues: { red: 0, yellow: 0, blue: 0, green: 0 },
      ...row,
    }
    const page = String(overviewPage(ctx, { ...model(), rows: [full] }))
    return /^<li.*\n/mu.exec(page.slice(page.indexOf('<ol class="board">')))![0]
  }

  it('counts open issues in the 督办单’s colours, said once above the list, as the 台账 names them', () => {
    const page = String(overviewPage(ctx, model()))
    expect(page).toContain('未办结问题 🔴1 🟡1 🔵1 🟢2</p>\n<p class="legend">🔴严重超期（超期 5 个工作日及以上） 🟡超期 🔵临期（剩 2 个工作日以内） 🟢正常</p>')
    expect(page).toContain('<a href="/board/team/land">土地工作专班<small>🟡1 未办结 2</small></a>')
    expect(page).toContain('<a href="/board/team/approval">项目审批验收服务专班<small>🔴1 未办结 1</small></a>')
    expect(card({ issues: { red: 2, yellow: 1, blue: 3, green: 4 } })).toMatch(/<p>🔴2 🟡1 🔵3 🟢4\n$/u)
  })

  it('marks a chip only where its place does not say whether it was reached', () => {
    // Land skipped on the way to construction: the one chip before the current one not reached.
    expect(card({ chips: chips(['2025-06-01', null, '2026-01-10'], 2), current: { stage: 'construction', monthsIn: 9, limitMonths: 18 } })).toContain(
      '<ol><li>签约<br>2025.6.1<li class=n>供地<li class=c>动工<br>1.10<li>竣工<li>投产</ol><p>动工已 9 个月<p>',
    )
    expect(card({})).toContain('<ol><li class=n>签约<li class=n>供地<li class=n>动工<li class=n>竣工<li class=n>投产</ol><p>未签约<p><i>尚无进度</i><p>无')
  })
})
