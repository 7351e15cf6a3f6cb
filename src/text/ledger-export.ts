import { parts, type LocalDate } from '../calendar/local-date.ts'
import { shortDate } from './labels.ts'

/** What one export wrote, for the reply and the command line. */
export interface LedgerCounts {
  projects: number
  issues: number
  open: number
  overdue: number
  progress: number
}

/** When the 台账 was taken: its day, and the time of day when it is today's ("15:20"), else null. */
export interface LedgerAsOf {
  day: LocalDate
  time: string | null
}

/**
 * A printed sheet's title row: "某某市督办台账 · 问题台账（截至2026年11月30日 15:20）"; no city
 * set (CITY_NAME) leaves it out, a ledger of another day (npm run export --date) has no time.
 */
export function ledgerTitle(city: string, sheetName: string, asOf: LedgerAsOf): string {
  const { year, month, day } = parts(asOf.day)
  return `${city}督办台账 · ${sheetName}（截至${year}年${month}月${day}日${asOf.time ? ` ${asOf.time}` : ''}）`
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
  return `📊 督办台账（截至${shortDate(day)}）：${renderLedgerCounts(c)}。Excel 文件随后发送，含项目台账、问题台账、进度记录、专班汇总、周通报五张表。`
}
