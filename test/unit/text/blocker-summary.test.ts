import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { WorkingCalendar } from '../../../src/calendar/working-calendar.ts'
import { liaisonsInGroup } from '../../../src/domain/liaisons.ts'
import { ageIssue, issueDueDate, workingDayCounter } from '../../../src/domain/sla.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import type { Category } from '../../../src/parse/types.ts'
import { renderBlockerSummary, renderSummaryIssue, type SummaryIssue } from '../../../src/text/blocker-summary.ts'

const calendar = loadCalendar()

/** An issue opened on `openedOn` with the default 7-working-day SLA, seen on `today`. */
function issue(openedOn: string, today: string, overrides: Partial<SummaryIssue> & { category?: Category } = {}): SummaryIssue {
  const dueOn = overrides.dueOn !== undefined ? overrides.dueOn : issueDueDate(calendar, openedOn, 7)
  return {
    number: 1,
    category: 'land',
    summary: '征地拆迁还有两户没谈妥',
    status: 'open',
    openedOn,
    ...ageIssue(workingDayCounter(calendar, today), openedOn, dueOn),
    ...overrides,
    dueOn,
  }
}

const line = (openedOn: string, today: string) =>
  renderSummaryIssue(issue(openedOn, today), workingDayCounter(calendar, today), DEFAULT_TEAMS).split('\n')[0]

describe('yellow and red at their edges, ages across the Spring Festival', () => {
  // Opened Thursday 2月12日: 13日, the make-up Saturday 14日, then 24–27日 and the make-up
  // Saturday 28日 make seven working days; 15–23日 are the holiday.
  it('is due on the make-up Saturday 2月28日', () => {
    expect(issueDueDate(calendar, '2026-02-12', 7)).toBe('2026-02-28')
  })
  it.each([
    ['2026-02-13', '🟢 #1 土地工作专班 · 已1个工作日 · 2月28日到期'],
    // The whole holiday adds nothing to the age.
    ['2026-02-23', '🟢 #1 土地工作专班 · 已2个工作日 · 2月28日到期'],
    ['2026-02-25', '🟢 #1 土地工作专班 · 已4个工作日 · 2月28日到期'],
    // Three working days left is green; two is yellow.
    ['2026-02-26', '🟡 #1 土地工作专班 · 已5个工作日 · 2月28日到期，还剩2个工作日'],
    ['2026-02-27', '🟡 #1 土地工作专班 · 已6个工作日 · 2月28日到期，还剩1个工作日'],
    ['2026-02-28', '🟡 #1 土地工作专班 · 已7个工作日 · 今天（2月28日）到期'],
    // Sunday 3月1日 is not a working day: overdue, but by no working day yet.
    ['2026-03-01', '🔴 #1 土地工作专班 · 已7个工作日 · 2月28日到期，已超期'],
    ['2026-03-02', '🔴 #1 土地工作专班 · 已8个工作日 · 2月28日到期，超期1个工作日'],
  ])('on %s: %s', (today, expected) => {
    expect(line('2026-02-12', today)).toBe(expected)
  })
})

describe('ages across National Day and the Mid-Autumn Festival', () => {
  // Opened Friday 9月18日: the make-up Sunday 20日, 21–24日, then 28日 and 29日 (25日 is Mid-Autumn).
  it('is due on 9月29日', () => {
    expect(issueDueDate(calendar, '2026-09-18', 7)).toBe('2026-09-29')
  })
  it.each([
    ['2026-09-25', '🟡 #1 土地工作专班 · 已5个工作日 · 9月29日到期，还剩2个工作日'],
    ['2026-09-30', '🔴 #1 土地工作专班 · 已8个工作日 · 9月29日到期，超期1个工作日'],
    // 10月1–7日 off: the first day back is only one more working day overdue.
    ['2026-10-08', '🔴 #1 土地工作专班 · 已9个工作日 · 9月29日到期，超期2个工作日'],
    // The make-up Saturday 10月10日 counts.
    ['2026-10-10', '🔴 #1 土地工作专班 · 已11个工作日 · 9月29日到期，超期4个工作日'],
  ])('on %s: %s', (today, expected) => {
    expect(line('2026-09-18', today)).toBe(expected)
  })
})

describe('near the end of the calendar', () => {
  it('marks a due date in a provisional year 暂定, and its working days left', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    const days = workingDayCounter(only2026, '2026-12-20')
    const due = { ...issue('2026-12-18', '2026-12-18', { dueOn: '2027-01-05' }), ...ageIssue(days, '2026-12-18', '2027-01-05') }
    expect(renderSummaryIssue(due, days, DEFAULT_TEAMS).split('\n')[0]).toBe('🟢 #1 土地工作专班 · 不到1个工作日 · 2027年1月5日到期（暂定）')
    const late = workingDayCounter(only2026, '2026-12-31')
    const near = { ...issue('2026-12-18', '2026-12-31', { dueOn: '2027-01-04' }), ...ageIssue(late, '2026-12-18', '2027-01-04') }
    expect(renderSummaryIssue(near, late, DEFAULT_TEAMS).split('\n')[0]).toBe('🟡 #1 土地工作专班 · 已9个工作日 · 2027年1月4日到期，还剩1个工作日（暂定）')
  })

  it('says 今天提出 for an issue raised today', () => {
    expect(line('2026-10-12', '2026-10-12')).toBe('🟢 #1 土地工作专班 · 今天提出 · 10月21日到期')
  })
})

describe('the summary of a group', () => {
  const today = '2026-10-10'
  const days = workingDayCounter(calendar, today)
  const teams = { ...DEFAULT_TEAMS, land: { name: '土地工作专班', liaisons: ['王科长'] }, finance: { name: '金融工作专班', liaisons: ['wxid_finance'] } }
  const issues = [
    issue('2026-09-18', today, { number: 1 }),
    issue('2026-09-28', today, { number: 2, category: 'finance', summary: '贷款审批卡在省行' }),
    issue('2026-10-09', today, { number: 3, category: 'other', summary: '子女入学', dueOn: null }),
  ]

  const summary = (members: { id: string; name: string }[]) => {
    const liaisons = liaisonsInGroup(issues.map((i) => i.category), teams, members)
    return { mentionIds: liaisons.map((l) => l.contact.id), text: renderBlockerSummary({ issues, days, teams, liaisons }) }
  }

  it('is nothing for a group without open issues', () => {
    expect(renderBlockerSummary({ issues: [], days, teams, liaisons: [] })).toBeNull()
  })

  it('lists every issue and @mentions the liaisons who are in the group, by name or by id', () => {
    const members = [
      { id: 'wxid_wang', name: '王科长' },
      { id: 'wxid_finance', name: '钱主任' },
    ]
    const { mentionIds, text } = summary(members)
    expect(mentionIds).toEqual(['wxid_wang', 'wxid_finance'])
    expect(text).toBe(
      [
        '📌 问题督办（10月10日）：本群未办结问题 3 个，其中🔴超期 1 个、🟡临期 1 个',
        '🔴 #1 土地工作专班 · 已11个工作日 · 9月29日到期，超期4个工作日',
        '   征地拆迁还有两户没谈妥',
        '🟡 #2 金融工作专班 · 已5个工作日 · 10月13日到期，还剩2个工作日',
        '   贷款审批卡在省行',
        '🟢 #3 产业项目兜底服务专班 · 已1个工作日 · 未定期限',
        '   子女入学',
        '请联络员跟进：王科长（土地工作专班）、钱主任（金融工作专班）',
        '办结后引用问题消息回复“已解决”，或发 /解决 编号 办法。',
      ].join('\n'),
    )
  })

  it('does not @mention a liaison who is not in the group', () => {
    const { mentionIds, text } = summary([{ id: 'wxid_other', name: '路人' }])
    expect(mentionIds).toEqual([])
    expect(text).not.toContain('联络员')
  })
})
