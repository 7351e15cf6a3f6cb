import { parts, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'

/** Open issues due from today on, counted by the year they are due in (the store counts them). */
export type DueYearCounts = { dueYear: number; count: number }[]

/**
 * Which figures of today used a provisional year (one the State Council has not announced yet, its
 * days off computed from the holiday law): every working-day count when today is in one; else the
 * due dates (and the working days left to them) of the open issues due in one.
 */
export interface ProvisionalUse {
  /** The provisional years behind today's figures, ascending. */
  years: number[]
  /** Today is in a provisional year: every working-day figure is 暂定. */
  today: boolean
  /** Open issues due in a provisional year. */
  dueDates: number
}

export function provisionalUse(dueYears: DueYearCounts, calendar: WorkingCalendar, today: LocalDate): ProvisionalUse {
  const year = parts(today).year
  const years = new Set<number>()
  const now = calendar.isProvisional(year)
  if (now) years.add(year)
  let dueDates = 0
  for (const { dueYear, count } of dueYears) {
    if (!calendar.isProvisional(dueYear)) continue
    years.add(dueYear)
    dueDates += count
  }
  return { years: [...years].sort((a, b) => a - b), today: now, dueDates }
}

/**
 * What the admins are told once a working day: the provisional years in use, and from 1 December
 * the coming year when no notice for it has been imported (2026-12-01: 2027). Null when neither.
 */
export interface CalendarNotice {
  provisional: number[]
  comingYear: number | null
}

export function calendarNotice(use: ProvisionalUse, calendar: WorkingCalendar, today: LocalDate): CalendarNotice | null {
  const { year, month } = parts(today)
  const coming = month === 12 && calendar.isProvisional(year + 1) && !use.years.includes(year + 1) ? year + 1 : null
  if (use.years.length === 0 && coming === null) return null
  return { provisional: use.years, comingYear: coming }
}
