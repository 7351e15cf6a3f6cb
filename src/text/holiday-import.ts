import type { ImportResult } from '../calendar/holiday-import.ts'
import type { HolidayNotice } from '../calendar/holiday-notice.ts'
import { addDays, parts, type LocalDate } from '../calendar/local-date.ts'
import { shortDate } from './labels.ts'

/** Days as runs: ["2026-02-15", …, "2026-02-23"] → "2月15日至2月23日"; apart, "2月14日、2月28日". Another year than `year` carries it. */
export function dayRuns(days: readonly LocalDate[], year: number): string {
  const label = (d: LocalDate) => (parts(d).year === year ? shortDate(d) : `${parts(d).year}年${shortDate(d)}`)
  const runs: string[] = []
  const sorted = [...days].sort()
  for (let k = 0; k < sorted.length; ) {
    let end = k
    while (end + 1 < sorted.length && sorted[end + 1] === addDays(sorted[end]!, 1)) end++
    runs.push(end === k ? label(sorted[k]!) : `${label(sorted[k]!)}至${label(sorted[end]!)}`)
    k = end + 1
  }
  return runs.join('、')
}

/**
 * What `npm run holidays -- import` did, e.g.
 *   已写入 data/holidays.json：2026 年放假 33 天、调休上班 6 天。
 *   元旦：1月1日至1月3日放假；1月4日上班
 *   …
 *   与程序自带的 2026 年数据一致。
 *   正在运行的机器人几秒内改用这些日期，无需重启；到期日按暂定日历算出的未办结问题会重新计算。
 */
export function renderImportReport(notice: HolidayNotice, r: ImportResult, path: string): string {
  const lines = [`已写入 ${path}：${r.year} 年放假 ${r.holidays.length} 天、调休上班 ${r.workdays.length} 天${r.replaced ? `（替换了文件中原有的 ${r.year} 年）` : ''}。`]
  for (const item of notice.items) {
    const work = item.workdays.length > 0 ? `；${dayRuns(item.workdays, r.year)}上班` : ''
    lines.push(`${item.festivals.join('、')}：${dayRuns(item.holidays, r.year)}放假${work}`)
  }
  if (r.otherYears.length > 0) lines.push(`其中 ${dayRuns(r.otherYears, r.year)} 属于相邻年份，已并入该年的数据。`)
  if (notice.advisories.length > 0) lines.push(...notice.advisories.map((a) => `未计入（倡议，不是放假安排）：${a}`))
  if (r.bundled.kind === 'same') lines.push(`与程序自带的 ${r.year} 年数据一致。`)
  if (r.bundled.kind === 'differs') {
    const { holidays, workdays } = r.bundled
    const facts = [
      holidays.onlyNotice.length > 0 ? `通知放假而自带数据没有：${dayRuns(holidays.onlyNotice, r.year)}` : '',
      holidays.onlyBundled.length > 0 ? `自带数据放假而通知没有：${dayRuns(holidays.onlyBundled, r.year)}` : '',
      workdays.onlyNotice.length > 0 ? `通知上班而自带数据没有：${dayRuns(workdays.onlyNotice, r.year)}` : '',
      workdays.onlyBundled.length > 0 ? `自带数据上班而通知没有：${dayRuns(workdays.onlyBundled, r.year)}` : '',
    ].filter((f) => f !== '')
    lines.push(`与程序自带的 ${r.year} 年数据不同，以导入的为准（${facts.join('；')}）。`)
  }
  lines.push('正在运行的机器人几秒内改用这些日期，无需重启；到期日按暂定日历算出的未办结问题会重新计算。')
  return lines.join('\n')
}

export const HOLIDAYS_USAGE = '用法：npm run holidays -- import 通知.txt   （读入国务院办公厅《关于YYYY年部分节假日安排的通知》全文，写入 HOLIDAYS_FILE，默认 data/holidays.json）'

/**
 * A `due-recomputed` event as a person reads it, from its note "2027-02-12 2027-02-18":
 * "到期日按国务院放假通知重算：2027年2月12日 → 2027年2月18日".
 */
export function dueRecomputedText(note: string): string {
  const [before, after] = note.split(' ')
  const label = (d: string | undefined) => (d ? `${parts(d).year}年${shortDate(d)}` : '—')
  return `到期日按国务院放假通知重算：${label(before)} → ${label(after)}`
}
