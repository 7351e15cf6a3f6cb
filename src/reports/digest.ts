import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import { calendarNotice, provisionalUse } from '../domain/calendar-gaps.ts'
import { assembleDigest } from '../domain/digest.ts'
import { jobDay } from '../domain/job-day.ts'
import type { Rules } from '../domain/rules.ts'
import { countOpenIssuesByDueYear, type Db } from '../store/index.ts'
import { renderCalendarMissingDigest, renderCalendarNotice, renderDigest } from '../text/digest.ts'
import { getDigestData } from './digest-data.ts'

/** The leaders' digest of a day, and what the admins are to be told beside it. */
export interface DigestReport {
  text: string
  /** While a provisional year is in use or the coming one has no notice (December): how to import it, for the admins only; else null. */
  calendarNotice: string | null
}

/**
 * The leaders' digest of `today` as one text (the outbox sends it in parts), from the store: the
 * scheduled job, /简报 and `npm run digest` all come through here. A year without a notice is
 * provisional (its figures marked 暂定); only a year the calendar cannot compute at all (past 2099)
 * turns the digest into a warning.
 */
export async function buildDigest(db: Db, today: LocalDate, rules: Rules): Promise<DigestReport> {
  const { calendar } = rules
  const day = jobDay(calendar, today)
  if (!day.work && day.reason === 'calendar-missing') return { text: renderCalendarMissingDigest(today, day.year), calendarNotice: null }
  try {
    const data = await getDigestData(db, { today, calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds })
    const provisional = provisionalUse(await countOpenIssuesByDueYear(db, today), calendar, today)
    const digest = assembleDigest({ data, teams: rules.teams, admins: rules.admins, makeUp: day.work && day.makeUp, provisional })
    const notice = calendarNotice(provisional, calendar, today)
    return { text: renderDigest(digest), calendarNotice: notice ? renderCalendarNotice(notice) : null }
  } catch (error) {
    // Only past the lunar table (2100): an issue aged across into a year the calendar cannot compute.
    if (error instanceof CalendarYearMissingError) return { text: renderCalendarMissingDigest(today, error.year), calendarNotice: null }
    throw error
  }
}
