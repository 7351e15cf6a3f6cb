import type { TeamWeekLine, Weekly } from '../domain/weekly.ts'
import { shortDate } from './labels.ts'
import type { SheetSpec } from './sheet-spec.ts'
import { shareText } from './weekly.ts'

/**
 * 周通报: the teams as the Monday 通报 ranks them (序号 is the rank), for the week it names in its
 * first header: received, closed, closed in time and the share, the median working days to close,
 * open and overdue now. A team with an overdue issue is filled yellow, as the 问题台账 fills an overdue issue.
 */
export function weeklySheet(weekly: Pick<Weekly, 'since' | 'until'>): SheetSpec<TeamWeekLine> {
  return {
    name: '周通报',
    columns: [
      { header: `专班（${shortDate(weekly.since)}至${shortDate(weekly.until)}）`, width: 26, kind: 'text', value: (t) => t.name },
      { header: '本周收到', width: 8, kind: 'number', value: (t) => t.received },
      { header: '本周办结', width: 8, kind: 'number', value: (t) => t.closed },
      { header: '其中按期', width: 8, kind: 'number', value: (t) => t.closedInTime },
      { header: '按期办结率', width: 8, kind: 'text', value: (t) => shareText(t.inTimeShare) },
      { header: '办结用时中位数（工作日）', width: 10, kind: 'number', value: (t) => t.medianWorkingDays },
      { header: '未办结', width: 8, kind: 'number', value: (t) => t.open },
      { header: '其中超期', width: 8, kind: 'number', value: (t) => t.overdue },
    ],
    fill: (t) => (t.overdue > 0 ? 'yellow' : null),
  }
}
