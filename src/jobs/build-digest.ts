import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'
import { assembleDigest, type TeamNames } from '../domain/digest.ts'
import { jobDay, missingCalendarYears } from '../domain/job-day.ts'
import { digestBlocks, renderCalendarMissingDigest } from '../domain/render-digest.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import { getDigestData, type Db } from '../store/index.ts'

export interface DigestSettings {
  calendar: WorkingCalendar
  timeZone: string
  thresholds: SlowThresholds
  teamNames: TeamNames
}

/**
 * The leaders' digest of `today` as blocks of lines (`packParts` makes texts to send of them), from
 * the store: the scheduled job, /简报 and `npm run digest` all come through here. A year the calendar
 * lacks turns the digest into a warning that says so; nothing is ever guessed.
 */
export async function buildDigestBlocks(db: Db, today: LocalDate, s: DigestSettings): Promise<string[]> {
  const day = jobDay(s.calendar, today)
  if (!day.work && day.reason === 'calendar-missing') return [renderCalendarMissingDigest(today, day.year)]
  try {
    const data = await getDigestData(db, { today, calendar: s.calendar, timeZone: s.timeZone, thresholds: s.thresholds })
    return digestBlocks(
      assembleDigest({ data, teamNames: s.teamNames, makeUp: day.work && day.makeUp, missingYears: missingCalendarYears(s.calendar, today) }),
    )
  } catch (error) {
    // An issue opened last December may be aged across into a year the calendar lacks.
    if (error instanceof CalendarYearMissingError) return [renderCalendarMissingDigest(today, error.year)]
    throw error
  }
}
