import type { LocalDate } from '../calendar/local-date.ts'
import { dateText, shortDate } from './labels.ts'

/**
 * "⏰ 进度提醒：今天（10月10日）本群还没有报项目进度（上次：9月28日）。
 *  请简要说一下今天的进展，例如“主体结构完成60%”；有困难也可直接说，我会登记并转给相关专班。"
 */
export function renderReminder(today: LocalDate, afterWorkingDays: number, lastProgressOn: LocalDate | null): string {
  const last = lastProgressOn ? `（上次：${dateText(lastProgressOn, today)}）` : '（还没有进度记录）'
  const head =
    afterWorkingDays <= 1
      ? `⏰ 进度提醒：今天（${shortDate(today)}）本群还没有报项目进度${last}。`
      : `⏰ 进度提醒：本群已连续 ${afterWorkingDays} 个工作日没有报项目进度${last}。`
  return `${head}\n请简要说一下最新进展，例如“主体结构完成60%”；有困难也可直接说，我会登记并转给相关专班。`
}
