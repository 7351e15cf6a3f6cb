import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'
import { addDays, daysBetween, type LocalDate } from '../calendar/local-date.ts'
import type { DueCounts } from './types.ts'

/** Yellow when this many working days or fewer are left before the due date. */
export const YELLOW_WORKING_DAYS = 2

export type Urgency = 'green' | 'yellow' | 'red'

/**
 * The date an issue must be solved by: the date the reporter stated, or else the opened date plus
 * the SLA in working days. Null when the calendar has no data for the year reached: a guessed due
 * date would be wrong on every holiday, and the missing year is reported elsewhere, loudly.
 */
export function issueDueDate(
  calendar: WorkingCalendar,
  openedOn: LocalDate,
  slaWorkingDays: number,
  statedDue: LocalDate | null = null,
): LocalDate | null {
  if (statedDue) return statedDue
  try {
    return calendar.addWorkingDays(openedOn, slaWorkingDays)
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return null
    throw error
  }
}

/**
 * Whether a new issue's due date is 暂定: the SLA counted it over a provisional year (no State
 * Council notice yet), so the notice, once imported, may move it (recomputedDueDate). A deadline
 * the reporter stated (`stated`) is theirs and stays. Example: raised 2027-02-01 with no notice for
 * 2027, seven working days over the 春节 the holiday law gives: 2月12日, 暂定.
 */
export function dueIsProvisional(calendar: WorkingCalendar, issue: { openedOn: LocalDate; dueOn: LocalDate | null }, stated: LocalDate | null): boolean {
  return stated === null && issue.dueOn !== null && calendar.touchesProvisional(issue.openedOn, issue.dueOn)
}

/** The due-date rule of a deployment's calendar and SLA: what the store asks when it opens an issue. */
export function slaDueDate(calendar: WorkingCalendar, slaWorkingDays: number): (openedOn: LocalDate, stated: LocalDate | null) => LocalDate | null {
  return (openedOn, stated) => issueDueDate(calendar, openedOn, slaWorkingDays, stated)
}

/**
 * The due date an open issue gets once a provisional year became official, or null when it keeps
 * its own: only a due date the SLA gave (`before` counts the same date from the opening) over a
 * provisional year is counted again. A stated deadline ("3月20日前") is the reporter's and stays;
 * one that happens to equal the SLA's date cannot be told apart and is counted again.
 */
export function recomputedDueDate(
  before: WorkingCalendar,
  after: WorkingCalendar,
  openedOn: LocalDate,
  dueOn: LocalDate,
  slaWorkingDays: number,
): LocalDate | null {
  if (!before.touchesProvisional(openedOn, dueOn)) return null
  if (issueDueDate(before, openedOn, slaWorkingDays) !== dueOn) return null
  const next = issueDueDate(after, openedOn, slaWorkingDays)
  return next !== null && next !== dueOn ? next : null
}

/**
 * Two working days never span more than this many calendar days (the longest holiday plus its
 * weekends), so a later due date is green without asking the calendar, which may not know its year.
 */
export const YELLOW_HORIZON_DAYS = 21

/**
 * Red once the due date has passed; yellow on the due date and the two working days before. A due
 * date within three weeks in a year the calendar lacks ("1月5日前" said on 12月20日) is yellow: its
 * working days left cannot be counted, and it is near (calendar-gaps.ts reports it).
 */
export function issueUrgency(days: WorkingDayCounter, dueOn: LocalDate | null): Urgency {
  if (dueOn === null) return 'green'
  if (dueOn < days.today) return 'red'
  if (daysBetween(days.today, dueOn) > YELLOW_HORIZON_DAYS) return 'green'
  try {
    return days.from(days.today, dueOn) <= YELLOW_WORKING_DAYS ? 'yellow' : 'green'
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return 'yellow'
    throw error
  }
}

/**
 * The colours of a 督办单, as officials read them on paper: blue near its due date, yellow overdue,
 * red 严重超期 (SEVERE_OVERDUE_WORKING_DAYS or more working days past due). The chat's 🔴🟡 marks
 * are the two-step Urgency (red overdue, yellow near due); the printed 台账 speaks this habit.
 */
export type SupervisionColour = 'blue' | 'yellow' | 'red'

/** An open issue's 督办单 colour from its urgency and how long it is overdue; null when it is neither near nor late. */
export function supervisionColour(urgency: Urgency, overdueWorkingDays: number, severeWorkingDays: number): SupervisionColour | null {
  if (urgency === 'yellow') return 'blue'
  if (urgency === 'red') return overdueWorkingDays >= severeWorkingDays ? 'red' : 'yellow'
  return null
}

/** An open issue's colour on the whiteboard: its 督办单 colour, green when neither near nor late. */
export type IssueColour = SupervisionColour | 'green'

export function issueColour(issue: { urgency: Urgency; overdueWorkingDays: number }, severeWorkingDays: number): IssueColour {
  return supervisionColour(issue.urgency, issue.overdueWorkingDays, severeWorkingDays) ?? 'green'
}

/** Open issues by urgency. */
export type UrgencyCounts = Record<Urgency, number>

/** Open issues by colour, as the whiteboard counts them. */
export type ColourCounts = Record<IssueColour, number>

/** Aged open issues (ageIssue) counted by colour. */
export function countByColour(issues: readonly { urgency: Urgency; overdueWorkingDays: number }[], severeWorkingDays: number): ColourCounts {
  const counts: ColourCounts = { red: 0, yellow: 0, blue: 0, green: 0 }
  for (const i of issues) counts[issueColour(i, severeWorkingDays)]++
  return counts
}

/**
 * ageIssue's overdue count as a date a query can filter with: an issue due before the returned
 * day is at least `workingDays` working days overdue today. It is the `workingDays`-th working day
 * counting back from today (today included when it is one): due on Friday 9 October, a Wednesday
 * 14 October digest counts Saturday 10 (make-up), Monday 12, Tuesday 13, Wednesday 14: four.
 */
export function overdueBefore(calendar: WorkingCalendar, today: LocalDate, workingDays: number): LocalDate {
  let day = today
  for (let left = workingDays; ; day = addDays(day, -1)) {
    if (calendar.isWorkingDay(day) && --left === 0) return day
  }
}

/**
 * issueUrgency's verdicts as two dates a query can count with: an issue due before `redBefore`
 * (today) is red, one due before `yellowBefore` (the third working day after today) is yellow,
 * any other, or one without a due date, green. When that third working day falls in a year the
 * calendar lacks (today is in the last working days of December), every day left in the year is
 * within two working days and issueUrgency calls everything within three weeks yellow: so here.
 */
export function urgencyCutoffs(calendar: WorkingCalendar, today: LocalDate): { redBefore: LocalDate; yellowBefore: LocalDate } {
  try {
    return { redBefore: today, yellowBefore: calendar.addWorkingDays(today, YELLOW_WORKING_DAYS + 1) }
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error
    return { redBefore: today, yellowBefore: addDays(today, YELLOW_HORIZON_DAYS + 1) }
  }
}

/**
 * Counts working days up to a fixed `today`, memoised by start date: a digest ages 20,000 issues
 * that were opened on a few hundred distinct days. Null for a date in a year the calendar lacks.
 */
export interface WorkingDayCounter {
  readonly today: LocalDate
  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  from(from: LocalDate, to: LocalDate): number
  /** Working days after `from` up to and including today: an issue's age, how long overdue. */
  until(from: LocalDate): number
  /** Whether a count between the two dates used a provisional year's days (to be marked 暂定). */
  provisional(from: LocalDate, to: LocalDate): boolean
}

export function workingDayCounter(calendar: WorkingCalendar, today: LocalDate): WorkingDayCounter {
  const cache = new Map<string, number>()
  const count = (from: LocalDate, to: LocalDate): number => {
    const key = `${from}|${to}`
    let n = cache.get(key)
    if (n === undefined) {
      n = calendar.workingDaysBetween(from, to)
      cache.set(key, n)
    }
    return n
  }
  // Working days in (date, today] for every date walked so far, extended backwards on demand:
  // ageing 20,000 issues then costs one step per calendar day, not one walk per issue.
  const untilToday = new Map<LocalDate, number>([[today, 0]])
  let earliest = today
  const until = (from: LocalDate): number => {
    if (from >= today) return 0
    while (earliest > from) {
      const before = addDays(earliest, -1)
      untilToday.set(before, (untilToday.get(earliest) ?? 0) + (calendar.isWorkingDay(earliest) ? 1 : 0))
      earliest = before
    }
    return untilToday.get(from) ?? 0
  }
  return { today, from: count, until, provisional: (from, to) => calendar.touchesProvisional(from, to) }
}

export interface IssueAge {
  /** Working days since it was opened. */
  ageWorkingDays: number
  urgency: Urgency
  /** Working days past the due date; 0 when not overdue. */
  overdueWorkingDays: number
  /**
   * Whether these figures or the due date used a provisional year (no notice yet): the days from
   * its opening to today and to its due date touch one. Shown as 暂定 wherever a person reads it.
   */
  provisional: boolean
}

export function ageIssue(days: WorkingDayCounter, openedOn: LocalDate, dueOn: LocalDate | null): IssueAge {
  const urgency = issueUrgency(days, dueOn)
  const last = dueOn !== null && dueOn > days.today ? dueOn : days.today
  return {
    ageWorkingDays: days.until(openedOn),
    urgency,
    overdueWorkingDays: urgency === 'red' && dueOn ? days.until(dueOn) : 0,
    provisional: days.provisional(openedOn < days.today ? openedOn : days.today, last),
  }
}

/**
 * ageIssue memoised by (opened, due): thousands of issues share a few hundred pairs, each aged once.
 */
export function issueAger(days: WorkingDayCounter): (openedOn: LocalDate, dueOn: LocalDate | null) => IssueAge {
  const ages = new Map<string, IssueAge>()
  return (openedOn, dueOn) => {
    const key = `${openedOn}|${dueOn}`
    let a = ages.get(key)
    if (!a) ages.set(key, (a = ageIssue(days, openedOn, dueOn)))
    return a
  }
}

/** Issues aged on the calendar, in the order given (the digest's named issues keep the store's). */
export function ageIssues<T extends { openedOn: LocalDate; dueOn: LocalDate | null }>(issues: readonly T[], days: WorkingDayCounter): (T & IssueAge)[] {
  const age = issueAger(days)
  return issues.map((issue) => ({ ...issue, ...age(issue.openedOn, issue.dueOn) }))
}

/** Open issues aged and sorted most urgent first: what /issues, /status, the board and the 台账 list. */
export function ageOpenIssues<T extends { openedOn: LocalDate; dueOn: LocalDate | null }>(issues: readonly T[], days: WorkingDayCounter): (T & IssueAge)[] {
  return ageIssues(issues, days).sort(compareByUrgency)
}

/** The store's counts by their cutoffs as the whiteboard's colours: 严重超期 red, other overdue yellow, near due blue. */
export function colourOfDueCounts(c: DueCounts): ColourCounts {
  return { red: c.severe, yellow: c.overdue - c.severe, blue: c.dueSoon, green: c.total - c.overdue - c.dueSoon }
}

/** The store's counts by urgencyCutoffs' two dates as urgencies: the rest (later or no due date) are green. */
export function urgencyOfDueCounts(c: DueCounts): UrgencyCounts {
  return { red: c.overdue, yellow: c.dueSoon, green: c.total - c.overdue - c.dueSoon }
}

const URGENCY_RANK: Record<Urgency, number> = { red: 0, yellow: 1, green: 2 }

/** Most urgent first: red before yellow before green, then the earliest due, then the oldest. */
export function compareByUrgency(
  a: IssueAge & { dueOn: LocalDate | null; openedOn: LocalDate },
  b: IssueAge & { dueOn: LocalDate | null; openedOn: LocalDate },
): number {
  return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || compareDates(a.dueOn, b.dueOn) || compareDates(a.openedOn, b.openedOn)
}

/** `YYYY-MM-DD` strings sort as text; a missing date sorts last. (Not localeCompare: the digest sorts 10,000s.) */
function compareDates(a: LocalDate | null, b: LocalDate | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}
