import { describe, expect, it } from 'vitest'
import { isLocalDate } from '../../../src/calendar/local-date.ts'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import type { IssueLedgerRow, ProgressLedgerRow } from '../../../src/domain/ledger-facts.ts'
import { buildProjectStatus } from '../../../src/domain/project-status.ts'
import { workingDayCounter } from '../../../src/domain/sla.ts'
import { DEFAULT_SLOW_THRESHOLDS } from '../../../src/domain/slow-projects.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import type { ProgressUpdate, Project } from '../../../src/domain/types.ts'
import { ledgerFileName, ledgerTitle, renderLedgerCounts, renderLedgerReply } from '../../../src/text/ledger-export.ts'
import { issuesSheet } from '../../../src/text/ledger-issues-sheet.ts'
import { PROGRESS_SHEET } from '../../../src/text/ledger-progress-sheet.ts'
import { projectsSheet, type ProjectLedgerRow } from '../../../src/text/ledger-projects-sheet.ts'
import { teamRows, teamsSheet } from '../../../src/text/ledger-teams-sheet.ts'
import { weeklySheet } from '../../../src/text/ledger-weekly-sheet.ts'
import { headerLines, MAX_WRAPPED_LINES, PRINTABLE_WIDTH_UNITS, SERIAL_COLUMN, sheetRow, sheetWidth, wrappedLines, type CellValue, type SheetSpec } from '../../../src/text/sheet-spec.ts'

const TODAY = '2026-11-30'
const days = workingDayCounter(loadCalendar(), TODAY)

/** A row as header → cell, so a test names the column it means. */
function byHeader<T>(spec: SheetSpec<T>, item: T): Record<string, CellValue> {
  const { cells } = sheetRow(spec, item)
  return Object.fromEntries(spec.columns.map((c, i) => [c.header, cells[i]!]))
}

const issue = (overrides: Partial<IssueLedgerRow> = {}): IssueLedgerRow => ({
  projectName: '新材料',
  number: 3,
  category: 'infrastructure',
  summary: '施工用电还没接入，供电局说要等电力设施迁改',
  status: 'open',
  reporterName: '张科长',
  openedOn: '2026-11-16',
  dueOn: '2026-11-25',
  resolvedOn: null,
  resolvedByName: null,
  resolutionText: null,
  assigneeName: '李四',
  followUps: 2,
  ...overrides,
})

describe('问题台账', () => {
  const sheet = issuesSheet(days, DEFAULT_TEAMS)

  it('an open issue 3 working days overdue: every column, and a yellow row (超期)', () => {
    expect(byHeader(sheet, issue())).toEqual({
      项目名称: '新材料',
      编号: 3,
      专班: '增资扩产和园区建设专班',
      问题: '施工用电还没接入，供电局说要等电力设施迁改',
      提出人: '张科长',
      提出日期: '2026-11-16',
      办结时限: '2026-11-25',
      '历时（工作日）': 10,
      状态: '未办结',
      预警: '超期',
      办结人: null,
      办结日期: null,
      办结情况: null,
      跟进次数: 2,
      责任人: '李四',
    })
    expect(sheetRow(sheet, issue()).fill).toBe('yellow')
  })

  it('an open issue 5 working days or more overdue is 严重超期, red', () => {
    const severe = issue({ dueOn: '2026-11-23' })
    expect(byHeader(sheet, severe)).toMatchObject({ 预警: '严重超期' })
    expect(sheetRow(sheet, severe).fill).toBe('red')
  })

  it('a reopened issue due tomorrow is blue (临期); one due next week has no fill', () => {
    const near = issue({ status: 'reopened', dueOn: '2026-12-01' })
    expect(byHeader(sheet, near)).toMatchObject({ 状态: '重新打开', 预警: '临期' })
    expect(sheetRow(sheet, near).fill).toBe('blue')
    const later = issue({ dueOn: '2026-12-09' })
    expect(byHeader(sheet, later)).toMatchObject({ 预警: '正常' })
    expect(sheetRow(sheet, later).fill).toBeNull()
  })

  it('a resolved issue: who closed it when and how, its days stop counting, never filled however late it was', () => {
    const closed = issue({ status: 'resolved', resolvedOn: '2026-11-27', resolvedByName: '王五', resolutionText: '已协调供电局接入' })
    expect(byHeader(sheet, closed)).toMatchObject({
      状态: '已办结',
      预警: null,
      办结人: '王五',
      办结日期: '2026-11-27',
      办结情况: '已协调供电局接入',
      '历时（工作日）': 9,
    })
    expect(sheetRow(sheet, closed).fill).toBeNull()
  })

  it('names the team as the city configured it', () => {
    const teams = { ...DEFAULT_TEAMS, infrastructure: { name: '园区建设专班', liaisons: [] } }
    expect(byHeader(issuesSheet(days, teams), issue()).专班).toBe('园区建设专班')
  })
})

const project: Project = {
  id: 1,
  name: '新材料',
  county: '城东区',
  roomId: 'r@chatroom',
  roomTopic: '【项目】新材料推进群',
  muted: false,
  createdAt: new Date('2025-01-01T00:00:00Z'),
}

const latest: ProgressUpdate = {
  id: 9,
  projectId: 1,
  messageId: 4,
  sourceCommand: null,
  reporterId: 7,
  stage: 'construction',
  percent: 60,
  dueOn: '2026-12-31',
  summary: '主体结构完成60%',
  recordedAt: new Date('2026-11-20T02:00:00Z'),
  recordedOn: '2026-11-20',
}

describe('项目台账', () => {
  const sheet = projectsSheet(TODAY)
  const row = (r: Partial<ProjectLedgerRow> & { status: ProjectLedgerRow['status'] }): ProjectLedgerRow => ({ latestReporterName: null, ...r })

  it('a project 18 months and 25 days into construction: stage dates, months, slow, latest progress, lights', () => {
    const status = buildProjectStatus(
      project,
      { signed: '2025-01-10', land: '2025-03-01', construction: '2025-05-05' },
      latest,
      '2026-11-27',
      { red: 2, yellow: 1, green: 1 },
      days,
      { timeZone: 'Asia/Shanghai', thresholds: DEFAULT_SLOW_THRESHOLDS },
    )
    expect(byHeader(sheet, row({ status, latestReporterName: '张科长' }))).toEqual({
      项目名称: '新材料',
      当前节点: '动工',
      签约日期: '2025-01-10',
      供地日期: '2025-03-01',
      动工日期: '2025-05-05',
      竣工日期: null,
      投产日期: null,
      本节点已历月数: 18,
      进展缓慢: '是',
      '最新进度（%）': 60,
      最新进度: '主体结构完成60%',
      进度日期: '2026-11-20',
      报送人: '张科长',
      未办结问题: 4,
      超期: 2,
      临期: 1,
      最后发言日期: '2026-11-27',
    })
  })

  it('a project with nothing recorded yet', () => {
    const status = buildProjectStatus(project, {}, null, null, { red: 0, yellow: 0, green: 0 }, days, { timeZone: 'Asia/Shanghai', thresholds: DEFAULT_SLOW_THRESHOLDS })
    expect(byHeader(sheet, row({ status }))).toMatchObject({
      当前节点: '未签约',
      签约日期: null,
      本节点已历月数: null,
      进展缓慢: '否',
      '最新进度（%）': null,
      最新进度: null,
      报送人: null,
      未办结问题: 0,
      最后发言日期: null,
    })
  })
})

describe('进度记录', () => {
  it('a record with its stage, percent and planned date', () => {
    const record: ProgressLedgerRow = {
      projectName: '新材料',
      recordedOn: '2026-11-20',
      reporterName: '张科长',
      stage: 'completion',
      percent: 100,
      dueOn: null,
      summary: '已竣工验收',
    }
    expect(sheetRow(PROGRESS_SHEET, record).cells).toEqual(['新材料', '2026-11-20', '张科长', '竣工', 100, null, '已竣工验收'])
    expect(byHeader(PROGRESS_SHEET, { ...record, stage: null, percent: null }).节点).toBeNull()
  })
})

describe('专班汇总', () => {
  it('says the period in its headers and ends with a bold 合计 row', () => {
    const sheet = teamsSheet({ since: '2026-11-24', until: '2026-11-30' })
    expect(sheet.columns.map((c) => c.header)).toEqual(['专班', '未办结', '其中超期', '本期新增（11月24日至11月30日）', '本期办结（11月24日至11月30日）'])
    const rows = teamRows({
      teams: [{ category: 'land', name: '土地工作专班', open: 2, overdue: 1, opened: 3, resolved: 1 }],
      total: { open: 2, overdue: 1, opened: 3, resolved: 1 },
    })
    expect(rows.map((r) => sheetRow(sheet, r))).toEqual([
      { cells: ['土地工作专班', 2, 1, 3, 1], fill: null, bold: false },
      { cells: ['合计', 2, 1, 3, 1], fill: null, bold: true },
    ])
  })
})

describe('every sheet', () => {
  const sheets: SheetSpec<never>[] = [
    projectsSheet(TODAY),
    issuesSheet(days, DEFAULT_TEAMS),
    PROGRESS_SHEET,
    teamsSheet({ since: '2026-11-24', until: TODAY }),
    weeklySheet({ since: '2026-11-23', until: '2026-11-29' }),
  ]

  it('has the issue\'s four names and the 周通报, in order, and unique Chinese headers with a width (a number\'s digits fit in 4)', () => {
    expect(sheets.map((s) => s.name)).toEqual(['项目台账', '问题台账', '进度记录', '专班汇总', '周通报'])
    for (const s of sheets) {
      const headers = s.columns.map((c) => c.header)
      expect(new Set(headers).size).toBe(headers.length)
      for (const c of s.columns) {
        expect(c.header).toMatch(/\p{Script=Han}/u)
        expect(c.width).toBeGreaterThanOrEqual(4)
      }
    }
  })

  it('is narrow enough to print on A4 landscape at 9 pt or more, with 序号, and each date column wide enough for its date', () => {
    for (const s of sheets) {
      expect(sheetWidth(s), s.name).toBeLessThanOrEqual(PRINTABLE_WIDTH_UNITS)
      for (const c of s.columns.filter((c) => c.kind === 'date')) expect(c.width, `${s.name} ${c.header}`).toBeGreaterThanOrEqual(10)
    }
    expect(sheetWidth(projectsSheet(TODAY))).toBe(SERIAL_COLUMN.width + projectsSheet(TODAY).columns.reduce((sum, c) => sum + c.width, 0))
  })

  it('gives date columns dates, never other text', () => {
    const resolved = issue({ status: 'resolved', resolvedOn: '2026-11-27' })
    const sheet = issuesSheet(days, DEFAULT_TEAMS)
    const { cells } = sheetRow(sheet, resolved)
    const dates = sheet.columns.flatMap((c, i) => (c.kind === 'date' ? [cells[i]] : []))
    expect(dates).toEqual(['2026-11-16', '2026-11-25', '2026-11-27'])
    expect(dates.every((d) => typeof d === 'string' && isLocalDate(d))).toBe(true)
  })
})

describe('how tall a row with wrapped text is made', () => {
  const sheet: SheetSpec<string[]> = {
    name: 't',
    columns: [
      { header: '短', width: 8, kind: 'text', value: (r) => r[0]! },
      { header: '长', width: 11, kind: 'text', wrap: true, value: (r) => r[1]! },
    ],
  }
  const lines = (a: string, b: string) => wrappedLines(sheet, sheetRow(sheet, [a, b]).cells)

  it('counts a Chinese character as two units and leaves one for the margins', () => {
    expect(lines('x', '五个汉字啊')).toBe(1) // 10 units in 10
    expect(lines('x', '六个汉字啊啊')).toBe(2) // 12 units
    expect(lines('x', 'abcdefghij')).toBe(1)
    expect(lines('x', 'abcdefghijk')).toBe(2)
  })

  it('makes the header as tall as its longest header', () => {
    expect(headerLines(sheet)).toBe(1)
    expect(headerLines({ ...sheet, columns: [{ ...sheet.columns[0]!, header: '历时（工作日）', width: 5 }] })).toBe(4)
  })

  it('looks only at wrapped columns, and stops at the cap', () => {
    expect(lines('一个不换行的很长很长很长的名字', '短')).toBe(1)
    expect(lines('x', '长'.repeat(200))).toBe(MAX_WRAPPED_LINES)
  })
})

describe('the file and the reply', () => {
  it('titles a sheet with the city, its name and when it was taken; no time for another day\'s', () => {
    expect(ledgerTitle('临江市', '问题台账', { day: '2026-11-30', time: '15:20' })).toBe('临江市督办台账 · 问题台账（截至2026年11月30日 15:20）')
    expect(ledgerTitle('', '专班汇总', { day: '2026-11-27', time: null })).toBe('督办台账 · 专班汇总（截至2026年11月27日）')
  })

  it('names the file by its day and counts what it holds', () => {
    expect(ledgerFileName('2026-11-30')).toBe('督办台账-2026-11-30.xlsx')
    const counts = { projects: 1000, issues: 20091, open: 12000, overdue: 1500, progress: 33000 }
    expect(renderLedgerCounts(counts)).toBe('项目 1,000 个，问题 20,091 个（未办结 12,000 个，其中超期 1,500 个），进度记录 33,000 条')
    expect(renderLedgerReply('2026-11-30', counts)).toMatch(/^📊 督办台账（截至11月30日）：项目 1,000 个.*随后发送/u)
  })
})
