import type { LocalDate } from '../calendar/local-date.ts'
import type { Rules } from '../domain/rules.ts'
import { workingDayCounter } from '../domain/sla.ts'
import { assembleWeekly, weekBefore, type Weekly, type WeeklyData } from '../domain/weekly.ts'
import { listWeekIssues, type Db } from '../store/index.ts'
import { renderWeekly } from '../text/weekly.ts'
import { listProjectOverview, type StatusQuery } from './status.ts'

/**
 * The weekly 通报's facts for `today` (a Monday): every project's status (stage dates, slow), the
 * open issues per team counted by SQLite, and the issues raised or closed in the week before.
 */
export async function getWeeklyData(db: Db, query: StatusQuery): Promise<WeeklyData> {
  const { since, until } = weekBefore(query.today)
  const { statuses, teams } = await listProjectOverview(db, query)
  return { day: query.today, since, until, issues: await listWeekIssues(db, { since, until }), openByTeam: teams, projects: statuses }
}

/** The weekly 通报's facts as of `today` (a Monday): the scheduled job, the board and the 台账 read it here. */
export async function buildWeeklyFacts(db: Db, today: LocalDate, rules: Pick<Rules, 'calendar' | 'timeZone' | 'slowThresholds' | 'teams'>): Promise<Weekly> {
  const data = await getWeeklyData(db, { today, calendar: rules.calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds })
  return assembleWeekly(data, rules.teams, workingDayCounter(rules.calendar, today))
}

/**
 * The weekly 通报 of `today` as one text. A year the calendar lacks (an issue's working days to
 * close cannot be counted) throws CalendarYearMissingError: the job logs it and sends nothing,
 * the board says so; nothing is ever guessed.
 */
export async function buildWeeklyText(db: Db, today: LocalDate, rules: Rules): Promise<string> {
  return renderWeekly(await buildWeeklyFacts(db, today, rules), rules.city)
}
