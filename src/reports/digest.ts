import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import { calendarGaps } from '../domain/calendar-gaps.ts'
import { assembleDigest } from '../domain/digest.ts'
import { jobDay } from '../domain/job-day.ts'
import type { Rules } from '../domain/rules.ts'
import { countCalendarGapIssues, getDigestData, type Db } from '../store/index.ts'
import { renderCalendarMissingDigest, renderCalendarNotice, renderDigest } from '../text/digest.ts'

/** The leaders' digest of a day, and what the admins are to be told beside it. */
export interface DigestReport {
  text: string
  /** When a figure needed a year the calendar lacks: what to add, for the admins only; else null. */
  calendarNotice: string | null
}

/**
 * The leaders' digest of `today` as one text (the outbox sends it in parts), from the store: the
 * scheduled job, /简报 and `npm run digest` all come through here. A year the calendar lacks turns
 * the digest into a warning that says so when today is in it; nothing is ever guessed.
 */
export async function buildDigest(db: Db, today: LocalDate, rules: Rules): Promise<DigestReport> {
  const { calendar } = rules
  const day = jobDay(calendar, today)
  if (!day.work && day.reason === 'calendar-missing') return { text: renderCalendarMissingDigest(today, day.year), calendarNotice: null }
  try {
    const data = await getDigestData(db, { today, calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds })
    const gaps = calendarGaps(await countCalendarGapIssues(db, today), calendar, today)
    const digest = assembleDigest({ data, teams: rules.teams, admins: rules.admins, makeUp: day.work && day.makeUp, calendarGaps: gaps })
    return { text: renderDigest(digest), calendarNotice: gaps.length > 0 ? renderCalendarNotice(gaps) : null }
  } catch (error) {
    // An issue opened last December may be aged across into a year the calendar lacks.
    if (error instanceof CalendarYearMissingError) return { text: renderCalendarMissingDigest(today, error.year), calendarNotice: null }
    throw error
  }
}
