import { addDays, parts, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { YELLOW_HORIZON_DAYS } from './sla.ts'

/**
 * The open issues a missing calendar year can touch, counted by the store: those with no due date
 * by the year they were opened, and those due within YELLOW_HORIZON_DAYS from today by the year
 * they are due.
 */
export interface GapCounts {
  undated: { openedYear: number; count: number }[]
  near: { dueYear: number; count: number }[]
}

/**
 * A year the calendar lacks that figures shown today actually needed: issues whose due date could
 * not be set (7 working days from 12月24日 run into January), and issues due within three weeks in
 * that year, whose working days left could not be counted (shown as 临期 to be safe).
 */
export interface CalendarGap {
  year: number
  undated: number
  uncounted: number
}

/** The last day a due date counts as near: today plus YELLOW_HORIZON_DAYS, what issueUrgency weighs. */
export function nearHorizon(today: LocalDate): LocalDate {
  return addDays(today, YELLOW_HORIZON_DAYS)
}

/**
 * The gaps behind today's figures, by year; none when every figure could be worked out, however
 * many plans ("预计明年5月投产") lie in a year the calendar lacks: those need no working days.
 */
export function calendarGaps(counts: GapCounts, calendar: WorkingCalendar, today: LocalDate): CalendarGap[] {
  const gaps = new Map<number, CalendarGap>()
  const gap = (year: number) => {
    let g = gaps.get(year)
    if (!g) gaps.set(year, (g = { year, undated: 0, uncounted: 0 }))
    return g
  }
  for (const { openedYear, count } of counts.undated) {
    // A due date is set at opening and missing only when the calendar lacked the year the time
    // limit ran into: the first missing one from then on (a year added since is no gap).
    const year = firstMissingYear(calendar, openedYear, parts(today).year + 1)
    if (year !== null) gap(year).undated += count
  }
  for (const { dueYear, count } of counts.near) if (!calendar.hasYear(dueYear)) gap(dueYear).uncounted += count
  return [...gaps.values()].sort((a, b) => a.year - b.year)
}

function firstMissingYear(calendar: WorkingCalendar, from: number, to: number): number | null {
  for (let year = from; year <= to; year++) if (!calendar.hasYear(year)) return year
  return null
}
