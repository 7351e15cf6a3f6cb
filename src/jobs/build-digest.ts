import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'
import { assembleDigest } from '../domain/digest.ts'
import { jobDay, missingCalendarYears } from '../domain/job-day.ts'
import { renderCalendarMissingDigest, renderDigest } from '../domain/render-digest.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import type { Teams } from '../domain/teams.ts'
import { getDigestData, type Db } from '../store/index.ts'

export interface DigestSettings {
  calendar: WorkingCalendar
  timeZone: string
  thresholds: SlowThresholds
  teams: Teams
}

/**
 * The leaders' digest of `today` as texts ready to send (one or more numbered parts), from the
 * store: the scheduled job, /简报 and `npm run digest` all come through here. A year the calendar
 * lacks turns the digest into a warning that says so; nothing is ever guessed.
 */
export async function buildDigestTexts(db: Db, today: LocalDate, s: DigestSettings): Promise<string[]> {
  const day = jobDay(s.calendar, today)
  if (!day.work && day.reason === 'calendar-missing') return [renderCalendarMissingDigest(today, day.year)]
  try {
    const data = await getDigestData(db, { today, calendar: s.calendar, timeZone: s.timeZone, thresholds: s.thresholds })
    return renderDigest(
      assembleDigest({ data, teams: s.teams, makeUp: day.work && day.makeUp, missingYears: missingCalendarYears(s.calendar, today) }),
    )
  } catch (error) {
    // An issue opened last December may be aged across into a year the calendar lacks.
    if (error instanceof CalendarYearMissingError) return [renderCalendarMissingDigest(today, error.year)]
    throw error
  }
}
