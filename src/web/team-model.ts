import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../domain/digest.ts'
import { compareByUrgency, issueColour, type IssueColour } from '../domain/sla.ts'
import type { Team, Teams } from '../domain/teams.ts'
import type { OpenIssue } from '../domain/types.ts'
import { CATEGORIES, type Category } from '../parse/types.ts'
import type { ClosedIssue } from '../store/index.ts'

/** The team page lists what the team closed in this many working days, today included. */
export const CLOSED_WORKING_DAYS = 7

export interface TeamModel {
  category: Category
  team: Team
  today: LocalDate
  /** The team's open issues across every project with their colours: the earliest due first, undated last. */
  open: (OpenIssue & { colour: IssueColour })[]
  /** First day of the closed window. */
  since: LocalDate
  closed: ClosedIssue[]
  /** The other teams, for the links between team pages. */
  others: { category: Category; name: string }[]
}

/** The first of the last `n` working days up to `today` (today counts when it is one). */
export function firstOfLastWorkingDays(calendar: WorkingCalendar, today: LocalDate, n: number): LocalDate {
  let day = calendar.isWorkingDay(today) ? today : calendar.previousWorkingDay(today)
  for (let k = 1; k < n; k++) day = calendar.previousWorkingDay(day)
  return day
}

/** Pure: one team's page. `open` may hold every team's issues; `closed` is the team's since `since`. */
export function teamModel(input: {
  category: Category
  teams: Teams
  today: LocalDate
  open: readonly OpenIssue[]
  since: LocalDate
  closed: readonly ClosedIssue[]
}): TeamModel {
  const { category, teams } = input
  return {
    category,
    team: teams[category],
    today: input.today,
    open: input.open
      .filter((i) => i.category === category)
      .sort(byDueDate)
      .map((i) => ({ ...i, colour: issueColour(i, SEVERE_OVERDUE_WORKING_DAYS) })),
    since: input.since,
    closed: [...input.closed],
    others: CATEGORIES.filter((c) => c !== category).map((c) => ({ category: c, name: teams[c].name })),
  }
}

function byDueDate(a: OpenIssue, b: OpenIssue): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1
    if (b.dueOn === null) return -1
    return a.dueOn < b.dueOn ? -1 : 1
  }
  return compareByUrgency(a, b)
}
