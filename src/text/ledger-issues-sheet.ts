import type { IssueLedgerRow } from '../domain/ledger-facts.ts'
import { issueWorkingDays, ledgerUrgency } from '../domain/ledger-facts.ts'
import type { Urgency, WorkingDayCounter } from '../domain/sla.ts'
import type { Teams } from '../domain/teams.ts'
import type { IssueStatus } from '../domain/types.ts'
import type { RowFill, SheetSpec } from './sheet-spec.ts'

const ISSUE_STATUS_NAMES: Record<IssueStatus, string> = { open: '未办结', reopened: '重新打开', resolved: '已办结' }

/** The warning column says in words what the fill says in colour: it survives printing and filters. */
const WARNING: Record<Urgency, string> = { red: '超期', yellow: '临期', green: '正常' }
const FILL: Record<Urgency, RowFill | null> = { red: 'red', yellow: 'yellow', green: null }

/**
 * 问题台账: one row per issue (retracted ones never reach it) — project, number, team, summary, who
 * raised it and when, the due date, the working days it has taken, status and warning, who closed
 * it when and how, follow-ups, assignee. Open issues past their due date are filled red, those
 * near it yellow, as the reminders and /issues mark them.
 */
export function issuesSheet(days: WorkingDayCounter, teams: Teams): SheetSpec<IssueLedgerRow> {
  return {
    name: '问题台账',
    columns: [
      { header: '项目名称', width: 10, kind: 'text', wrap: true, value: (i) => i.projectName },
      { header: '编号', width: 4, kind: 'number', value: (i) => i.number },
      { header: '专班', width: 10, kind: 'text', wrap: true, value: (i) => teams[i.category].name },
      { header: '问题', width: 22, kind: 'text', wrap: true, value: (i) => i.summary },
      { header: '提出人', width: 6, kind: 'text', wrap: true, value: (i) => i.reporterName },
      { header: '提出日期', width: 10, kind: 'date', value: (i) => i.openedOn },
      { header: '办结时限', width: 10, kind: 'date', value: (i) => i.dueOn },
      { header: '历时（工作日）', width: 5, kind: 'number', value: (i) => issueWorkingDays(days, i) },
      { header: '状态', width: 5, kind: 'text', wrap: true, value: (i) => ISSUE_STATUS_NAMES[i.status] },
      { header: '预警', width: 5, kind: 'text', value: (i) => warning(days, i) },
      { header: '办结人', width: 6, kind: 'text', wrap: true, value: (i) => i.resolvedByName },
      { header: '办结日期', width: 10, kind: 'date', value: (i) => i.resolvedOn },
      { header: '办结情况', width: 15, kind: 'text', wrap: true, value: (i) => i.resolutionText },
      { header: '跟进次数', width: 5, kind: 'number', value: (i) => i.followUps },
      { header: '责任人', width: 6, kind: 'text', wrap: true, value: (i) => i.assigneeName },
    ],
    fill: (i) => {
      const urgency = ledgerUrgency(days, i)
      return urgency ? FILL[urgency] : null
    },
  }
}

function warning(days: WorkingDayCounter, issue: IssueLedgerRow): string | null {
  const urgency = ledgerUrgency(days, issue)
  return urgency ? WARNING[urgency] : null
}
