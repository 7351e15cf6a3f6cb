import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { dueIsProvisional, issueDueDate } from '../../../src/domain/sla.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import type { Issue, ProgressUpdate } from '../../../src/domain/types.ts'
import { renderConfirmation, type MessageOutcome } from '../../../src/text/confirmation.ts'
import { dateText, issueAgeText } from '../../../src/text/labels.ts'
import { renderClosed, renderProgressLine } from '../../../src/text/records.ts'

const DAY = '2026-11-30'

const progress = (over: Partial<ProgressUpdate> = {}): ProgressUpdate => ({
  id: 1,
  projectId: 1,
  messageId: 1,
  sourceCommand: null,
  reporterId: 1,
  stage: null,
  percent: 60,
  dueOn: null,
  summary: '主体结构完成60%',
  recordedAt: new Date(`${DAY}T10:00:00+08:00`),
  recordedOn: DAY,
  ...over,
})

const issue = (over: Partial<Issue> = {}): Issue => ({
  id: 7,
  projectId: 1,
  number: 3,
  messageId: 1,
  sourceCommand: null,
  category: 'land',
  summary: '征地拆迁还有两户没谈妥',
  status: 'open',
  reporterId: 1,
  assigneeId: null,
  openedAt: new Date(`${DAY}T10:00:00+08:00`),
  openedOn: DAY,
  dueOn: '2026-12-09',
  resolvedAt: null,
  resolvedOn: null,
  resolutionText: null,
  resolvedById: null,
  ...over,
})

const outcome = (over: Partial<MessageOutcome>): MessageOutcome => ({
  progress: [],
  issues: [],
  followUps: [],
  closed: [],
  asks: [],
  reporter: { name: '张三', admin: false },
  today: DAY,
  ...over,
})

describe('renderConfirmation under each CONFIRM', () => {
  const plain = outcome({ progress: [progress()] })
  const withIssue = outcome({ progress: [progress()], issues: [{ issue: issue(), recurs: null, provisional: false }] })
  const stage = outcome({ progress: [progress({ stage: 'construction', percent: null })], reporter: { name: '李四', admin: true } })
  const closed = outcome({ closed: [issue({ status: 'resolved', resolutionText: '已协调镇里签完协议' })] })

  it.each([
    ['all', plain, '已记录进度：60%'],
    ['issues', plain, ''],
    ['none', plain, ''],
    ['issues', withIssue, '已记录进度：60%\n已登记问题 #3 · 土地工作专班 · 12月9日前办结\n  征地拆迁还有两户没谈妥'],
    ['none', withIssue, ''],
    ['issues', stage, '已记录节点：动工（11月30日）'],
    ['none', closed, '✅ 问题 #3（土地工作专班）已办结：已协调镇里签完协议\n办结人：张三。如未解决，发 /重开 3 原因'],
  ] as const)('%s: %j', (mode, o, expected) => {
    expect(renderConfirmation(o, mode, DEFAULT_TEAMS)).toBe(expected)
  })
})

describe('a due date in a year without a notice', () => {
  // The bundled calendar holds 2004–2026: 2027 is provisional, computed from the holiday law.
  const calendar = loadCalendar()

  it('is marked 暂定 in the group’s confirmation', () => {
    const raised = outcome({ issues: [{ issue: issue({ openedOn: '2027-02-01', dueOn: '2027-02-12' }), recurs: null, provisional: true }], today: '2027-02-01' })
    expect(renderConfirmation(raised, 'issues', DEFAULT_TEAMS)).toBe('已登记问题 #3 · 土地工作专班 · 2月12日前办结（暂定）\n  征地拆迁还有两户没谈妥')
  })

  it('is 暂定 when the SLA counted it over a provisional year, not when the reporter stated it', () => {
    // 2月2日–4日, the provisional 春节 (5–8日) off, then 9–12日: the 7th working day.
    const due = issueDueDate(calendar, '2027-02-01', 7)
    expect(due).toBe('2027-02-12')
    expect(dueIsProvisional(calendar, { openedOn: '2027-02-01', dueOn: due }, null)).toBe(true)
    // Counted from December into January.
    expect(dueIsProvisional(calendar, { openedOn: '2026-12-28', dueOn: issueDueDate(calendar, '2026-12-28', 7) }, null)).toBe(true)
    expect(dueIsProvisional(calendar, { openedOn: '2026-11-30', dueOn: issueDueDate(calendar, '2026-11-30', 7) }, null)).toBe(false)
    // "3月20日前解决": the reporter's date, which the notice will not move.
    expect(dueIsProvisional(calendar, { openedOn: '2027-02-01', dueOn: '2027-03-20' }, '2027-03-20')).toBe(false)
    expect(dueIsProvisional(calendar, { openedOn: '2027-02-01', dueOn: null }, null)).toBe(false)
  })
})

describe('the words of a confirmation', () => {
  it('a stage a member reported names them and how an admin confirms or takes it back', () => {
    expect(renderProgressLine(progress({ stage: 'construction', percent: null, dueOn: '2027-06-30' }), { name: '李四', admin: false })).toBe(
      '已记录节点：动工（11月30日），计划 2027年6月30日\n李四报告，待管理员确认：核实后发 /节点 动工 2026-11-30；有误发 /节点 撤销 动工',
    )
  })

  it.each(['已解决', '问题已经解决了！', '搞定了👍', '已处理完毕。', '好了'])('a close saying only %j does not repeat it', (said) => {
    expect(renderClosed(issue({ resolutionText: said }), '张三', DEFAULT_TEAMS)).toMatch(/^✅ 问题 #3（土地工作专班）已办结\n/)
  })

  it('a close saying how keeps it', () => {
    expect(renderClosed(issue({ resolutionText: '供电接入已解决' }), '张三', DEFAULT_TEAMS)).toMatch(/已办结：供电接入已解决\n/)
  })

  it('dates carry their year outside the current one; an age of no working day says when', () => {
    expect(dateText('2027-04-30', DAY)).toBe('2027年4月30日')
    expect(dateText('2026-04-30', DAY)).toBe('4月30日')
    expect(issueAgeText(0, DAY, DAY)).toBe('今天提出')
    expect(issueAgeText(0, '2026-11-28', DAY)).toBe('不到1个工作日')
    expect(issueAgeText(3, '2026-11-25', DAY)).toBe('已3个工作日')
  })
})
