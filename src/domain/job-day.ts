import { isoWeekday, parts, type LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'

/**
 * Whether the scheduled jobs work on `today`. Only working days of the official calendar count: a
 * holiday (2026-10-01) sends nothing, a make-up Saturday (2026-10-10) is a working day. A year the
 * calendar lacks is reported, never guessed as "Monday to Friday".
 */
export type JobDay =
  | { work: true; makeUp: boolean }
  | { work: false; reason: 'weekend' | 'holiday' }
  | { work: false; reason: 'calendar-missing'; year: number }

export function jobDay(calendar: WorkingCalendar, today: LocalDate): JobDay {
  let working: boolean
  try {
    working = calendar.isWorkingDay(today)
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return { work: false, reason: 'calendar-missing', year: parts(today).year }
    throw error
  }
  const weekend = isoWeekday(today) >= 6
  if (working) return { work: true, makeUp: weekend }
  return { work: false, reason: weekend ? 'weekend' : 'holiday' }
}
