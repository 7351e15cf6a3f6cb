import type { LocalDate } from '../calendar/local-date.ts'
import { wholeMonths } from '../domain/digest.ts'
import type { ProjectStatus } from '../domain/project-status.ts'
import { STAGES, type Stage } from '../parse/types.ts'
import { STAGE_NAMES } from './labels.ts'
import type { SheetColumn, SheetSpec } from './sheet-spec.ts'

/** One project of the 项目台账: its status and who sent its latest progress. */
export interface ProjectLedgerRow {
  status: ProjectStatus
  latestReporterName: string | null
}

const stageDate = (stage: Stage): SheetColumn<ProjectLedgerRow> => ({
  header: `${STAGE_NAMES[stage]}日期`,
  width: 10,
  kind: 'date',
  value: (r) => r.status.stages[stage] ?? null,
})

/**
 * 项目台账: one row per project — the stage reached and the date of each of the five stages,
 * whole months in the current stage and whether that is slow (SLOW_*_MONTHS), the latest
 * progress, its open issues with the overdue and near-due among them, and the day its group last
 * spoke. Narrow enough to print on A4 landscape at 9 pt or more (PRINTABLE_WIDTH_UNITS): the
 * group's name (the board shows it) and the count of green issues (the open less the other two)
 * are left to the board.
 */
export function projectsSheet(today: LocalDate): SheetSpec<ProjectLedgerRow> {
  return {
    name: '项目台账',
    columns: [
      { header: '项目名称', width: 9, kind: 'text', wrap: true, value: (r) => r.status.project.name },
      { header: '当前节点', width: 5, kind: 'text', wrap: true, value: (r) => (r.status.stage ? STAGE_NAMES[r.status.stage.stage] : '未签约') },
      ...STAGES.map(stageDate),
      { header: '本节点已历月数', width: 5, kind: 'number', value: (r) => (r.status.stage ? wholeMonths(r.status.stage.since, today) : null) },
      { header: '进展缓慢', width: 5, kind: 'text', value: (r) => (r.status.slow ? '是' : '否') },
      { header: '最新进度（%）', width: 5, kind: 'number', value: (r) => r.status.latestProgress?.percent ?? null },
      { header: '最新进度', width: 12, kind: 'text', wrap: true, value: (r) => r.status.latestProgress?.summary ?? null },
      { header: '进度日期', width: 10, kind: 'date', value: (r) => r.status.latestProgress?.recordedOn ?? null },
      { header: '报送人', width: 6, kind: 'text', wrap: true, value: (r) => r.latestReporterName },
      { header: '未办结问题', width: 5, kind: 'number', value: (r) => r.status.openIssues.total },
      { header: '超期', width: 5, kind: 'number', value: (r) => r.status.openIssues.red },
      { header: '临期', width: 5, kind: 'number', value: (r) => r.status.openIssues.yellow },
      { header: '最后发言日期', width: 10, kind: 'date', value: (r) => r.status.lastMessageOn },
    ],
  }
}
