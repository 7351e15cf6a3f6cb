import { createTask, parse, schedule, validateDetailed } from 'node-cron'
import type { LocalDate } from '../calendar/local-date.ts'
import { zonedInstant } from '../calendar/zoned-time.ts'

/** node-cron's names of the fields, as the settings' comments call them. */
const FIELD_NAMES: Record<string, string> = {
  second: '秒',
  minute: '分',
  hour: '时',
  dayOfMonth: '日',
  month: '月',
  dayOfWeek: '周',
}

/**
 * Why a cron expression is wrong, or null when node-cron accepts it. Five fields (minute first) or
 * six (seconds first): "0 17 * * *" is 17:00 every day, "*\/2 * * * * *" every two seconds.
 * Example: "0 25 * * *" → `不是有效的定时写法（…）：“25”不是有效的时`.
 */
export function cronProblem(expression: string): string | null {
  const result = validateDetailed(expression)
  if (result.valid) return null
  const fields = expression.trim() === '' ? 0 : expression.trim().split(/\s+/u).length
  const details = result.errors.map((e) => {
    if (FIELD_NAMES[e.field]) return `“${e.value}”不是有效的${FIELD_NAMES[e.field]}`
    return fields === 5 || fields === 6 ? '含有不认识的字符' : `应为 5 段或 6 段，这里是 ${fields} 段`
  })
  return `不是有效的定时写法（例如 "0 17 * * *"：分 时 日 月 周，或秒在最前的六段）：${[...new Set(details)].join('；')}`
}

export interface CronHandle {
  stop(): void
}

/** Runs `fire` at every time the expression names, in `timeZone`; a run still going is not started again. */
export function scheduleCron(expression: string, timeZone: string, fire: () => Promise<void>): CronHandle {
  const task = schedule(expression, fire, { timezone: timeZone, noOverlap: true, suppressMissedWarning: true })
  return { stop: () => void task.destroy() }
}

/**
 * The first time on `day` the expression fires, in `timeZone`, or null when it does not fire that
 * day (a weekday-only expression on a Saturday). A job missed while the bot was down is run when
 * it comes back if this time has passed and the day has no recorded run.
 */
export function firstFireOn(expression: string, day: LocalDate, timeZone: string): Date | null {
  const fields = parse(expression)
  const earliest = (values: number[]) => Math.min(...values)
  const at = zonedInstant(day, earliest(fields.hour), earliest(fields.minute), earliest(fields.second), timeZone)
  // The day fields (day of month, month, weekday) decide whether `day` matches at all.
  const probe = createTask(expression, () => undefined, { timezone: timeZone })
  const fires = probe.match(at)
  void probe.destroy()
  return fires ? at : null
}
