import type { IssueLedgerRow } from '../domain/ledger-facts.ts'
import { issueWorkingDays, ledgerColour, ledgerProvisional, ledgerUrgency } from '../domain/ledger-facts.ts'
import type { WorkingDayCounter } from '../domain/sla.ts'
import type { Teams } from '../domain/teams.ts'
import type { IssueStatus } from '../domain/types.ts'
import { COLOUR_NAMES, PROVISIONAL_MARK } from './labels.ts'
import type { SheetSpec } from './sheet-spec.ts'

const ISSUE_STATUS_NAMES: Record<IssueStatus, string> = { open: '未办结', reopened: '重新打开', resolved: '已办结' }

/**
 * 问题台账: one row per issue (retracted ones never reach it) — project, number, team, summary, who
 * raised it and when, the due date, the working days it has taken, status and warning, who closed
 * it when and how, follow-ups, assignee. Open issues are filled as a 督办单 colours them: blue near
 * the due date, yellow overdue, red 严重超期 (5 working days or more past due); the warning says
 * 暂定 where a figure of the row used a provisional year.
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
      { header: '预警', width: 5, kind: 'text', wrap: true, value: (i) => warning(days, i) },
      { header: '办结人', width: 6, kind: 'text', wrap: true, value: (i) => i.resolvedByName },
      { header: '办结日期', width: 10, kind: 'date', value: (i) => i.resolvedOn },
      { header: '办结情况', width: 15, kind: 'text', wrap: true, value: (i) => i.resolutionText },
      { header: '跟进次数', width: 5, kind: 'number', value: (i) => i.followUps },
      { header: '责任人', width: 6, kind: 'text', wrap: true, value: (i) => i.assigneeName },
    ],
    fill: (i) => ledgerColour(days, i),
  }
}

/**
 * The warning column says in words what the fill says in colour (it survives a black-and-white
 * printer and filters), as the whiteboard names its colours (COLOUR_NAMES): 临期 / 超期 / 严重超期,
 * or 正常 for an open issue neither near nor late; nothing once resolved.
 * "超期（暂定）" when the row's figures used a provisional year; "暂定" alone on a closed row whose 历时 did.
 */
function warning(days: WorkingDayCounter, issue: IssueLedgerRow): string | null {
  const provisional = ledgerProvisional(days, issue)
  if (ledgerUrgency(days, issue) === null) return provisional ? PROVISIONAL_MARK : null
  const word = COLOUR_NAMES[ledgerColour(days, issue) ?? 'green']
  return provisional ? `${word}（${PROVISIONAL_MARK}）` : word
}
