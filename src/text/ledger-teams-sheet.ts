import type { LocalDate } from '../calendar/local-date.ts'
import type { TeamCounts, TeamTally } from '../domain/ledger-facts.ts'
import { shortDate } from './labels.ts'
import type { SheetSpec } from './sheet-spec.ts'

/** A line of the 专班汇总: a team, or the totals row under them. */
export interface TeamLedgerRow extends TeamCounts {
  name: string
  total: boolean
}

/** 专班汇总: per team, open issues and the overdue among them, raised and closed in the period; a bold 合计 row last. */
export function teamsSheet(period: { since: LocalDate; until: LocalDate }): SheetSpec<TeamLedgerRow> {
  const span = `${shortDate(period.since)}至${shortDate(period.until)}`
  return {
    name: '专班汇总',
    columns: [
      { header: '专班', width: 26, kind: 'text', value: (t) => t.name },
      { header: '未办结', width: 9, kind: 'number', value: (t) => t.open },
      { header: '其中超期', width: 9, kind: 'number', value: (t) => t.overdue },
      { header: `本期新增（${span}）`, width: 16, kind: 'number', value: (t) => t.opened },
      { header: `本期办结（${span}）`, width: 16, kind: 'number', value: (t) => t.resolved },
    ],
    bold: (t) => t.total,
  }
}

/** The teams in their order, then the 合计 row. */
export function teamRows(tally: { teams: readonly TeamTally[]; total: TeamCounts }): TeamLedgerRow[] {
  return [...tally.teams.map((t) => ({ ...t, total: false })), { name: '合计', ...tally.total, total: true }]
}
