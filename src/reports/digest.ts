import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import { assembleDigest } from '../domain/digest.ts'
import { jobDay, missingCalendarYears } from '../domain/job-day.ts'
import type { Rules } from '../domain/rules.ts'
import { getDigestData, type Db } from '../store/index.ts'
import { renderCalendarMissingDigest, renderDigest } from '../text/digest.ts'

/**
 * The leaders' digest of `today` as one text (the outbox sends it in parts), from the store: the
 * scheduled job, /简报 and `npm run digest` all come through here. A year the calendar lacks turns
 * the digest into a warning that says so; nothing is ever guessed.
 */
export async function buildDigest(db: Db, today: LocalDate, rules: Rules): Promise<string> {
  const { calendar } = rules
  const day = jobDay(calendar, today)
  if (!day.work && day.reason === 'calendar-missing') return renderCalendarMissingDigest(today, day.year)
  try {
    const data = await getDigestData(db, { today, calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds })
    return renderDigest(
      assembleDigest({ data, teams: rules.teams, makeUp: day.work && day.makeUp, missingYears: missingCalendarYears(calendar, today) }),
    )
  } catch (error) {
    // An issue opened last December may be aged across into a year the calendar lacks.
    if (error instanceof CalendarYearMissingError) return renderCalendarMissingDigest(today, error.year)
    throw error
  }
}
