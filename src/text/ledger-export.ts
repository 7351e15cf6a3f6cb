import type { LocalDate } from '../calendar/local-date.ts'
import { shortDate } from './labels.ts'

/** What one export wrote, for the reply and the command line. */
export interface LedgerCounts {
  projects: number
  issues: number
  open: number
  overdue: number
  progress: number
}

/** "督办台账-2026-11-30.xlsx": the name WeChat shows and the file /导出 writes. */
export function ledgerFileName(day: LocalDate): string {
  return `督办台账-${day}.xlsx`
}

/** "项目 12 个，问题 340 个（未办结 120 个，其中超期 15 个），进度记录 1,200 条" */
export function renderLedgerCounts(c: LedgerCounts): string {
  const n = (x: number) => x.toLocaleString('en')
  return `项目 ${n(c.projects)} 个，问题 ${n(c.issues)} 个（未办结 ${n(c.open)} 个，其中超期 ${n(c.overdue)} 个），进度记录 ${n(c.progress)} 条`
}

/** The reply to /导出; the workbook follows it as a file. */
export function renderLedgerReply(day: LocalDate, c: LedgerCounts): string {
  return `📊 督办台账（截至${shortDate(day)}）：${renderLedgerCounts(c)}。Excel 文件随后发送，含项目台账、问题台账、进度记录、专班汇总四张表。`
}
