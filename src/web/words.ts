import { dateInZone, parts, type LocalDate } from '../calendar/local-date.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../domain/digest.ts'
import { YELLOW_WORKING_DAYS } from '../domain/sla.ts'
import type { IssueStatus } from '../domain/types.ts'
import type { Stage } from '../parse/types.ts'
import { COLOUR_MARK, COLOUR_NAMES, dateText, STAGE_NAMES } from '../text/labels.ts'

// The board's own words; stage names, urgency marks, dates and clipping come from src/text/labels.ts.

/** A stage chip's date in the width of a chip on a phone: "4.21" this year, "2024.8.22" another. */
export function chipDate(date: LocalDate, today: LocalDate): string {
  const { year, month, day } = parts(date)
  return year === parts(today).year ? `${month}.${day}` : `${year}.${month}.${day}`
}

/**
 * What the colours mean, said once on every page that shows them, in the 台账's words:
 * "🔴严重超期（超期 5 个工作日及以上） 🟡超期 🔵临期（剩 2 个工作日以内） 🟢正常".
 */
export const COLOUR_LEGEND = [
  `${COLOUR_MARK.red}${COLOUR_NAMES.red}（超期 ${SEVERE_OVERDUE_WORKING_DAYS} 个工作日及以上）`,
  `${COLOUR_MARK.yellow}${COLOUR_NAMES.yellow}`,
  `${COLOUR_MARK.blue}${COLOUR_NAMES.blue}（剩 ${YELLOW_WORKING_DAYS} 个工作日以内）`,
  `${COLOUR_MARK.green}${COLOUR_NAMES.green}`,
].join(' ')

/** "今天", "昨天", "5天前". */
export function ageText(days: number): string {
  return days <= 0 ? '今天' : days === 1 ? '昨天' : `${days}天前`
}

/** The stage a project in this one is waiting to reach, for "超过 18 个月未竣工". */
const NEXT_STAGE: Partial<Record<Stage, Stage>> = { signed: 'land', land: 'construction', construction: 'completion' }

/**
 * How long a project has been at its stage, in a leader's words: "动工已 3 个月", "签约不到 1 个月".
 * The limit behind "慢" is said once above the list (`slowRule`), not on each of a thousand cards.
 */
export function stageAgeText(stage: Stage, monthsIn: number): string {
  return monthsIn < 1 ? `${STAGE_NAMES[stage]}不到 1 个月` : `${STAGE_NAMES[stage]}已 ${monthsIn} 个月`
}

/** The slow-project rule in full: "签约超过 6 个月未供地、供地超过 6 个月未动工、动工超过 18 个月未竣工". */
export function slowRule(limit: (stage: Stage) => number | null): string {
  return (Object.keys(NEXT_STAGE) as Stage[])
    .flatMap((s) => {
      const months = limit(s)
      return months === null ? [] : [`${STAGE_NAMES[s]}超过 ${months} 个月未${STAGE_NAMES[NEXT_STAGE[s]!]}`]
    })
    .join('、')
}

const clocks = new Map<string, Intl.DateTimeFormat>()

/** "11月30日 14:05" in the bot's timezone (with the year when it is not `today`'s). */
export function instantText(at: Date, timeZone: string, today: LocalDate): string {
  let clock = clocks.get(timeZone)
  if (!clock) clocks.set(timeZone, (clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  return `${dateText(dateInZone(at, timeZone), today)} ${clock.format(at)}`
}

export { EVENT_NAMES } from '../text/labels.ts'

/** An event's facts in words: "#3 办结后再次出现", "催办（期限改为 2026-04-15）". */
export const EVENT_DETAILS = {
  assigned: (name: string) => `负责人：${name}`,
  resolutionRetracted: '办结的消息被撤回',
  recurs: (number: number) => `#${number} 办结后再次出现`,
  dueMoved: (note: string | null, dueOn: string) => `${note ?? ''}（期限改为 ${dueOn}）`,
}

export const STATUS_NAMES: Record<IssueStatus, string> = { open: '未办结', reopened: '已重开', resolved: '已办结' }
