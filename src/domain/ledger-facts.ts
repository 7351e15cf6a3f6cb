import { addDays, type LocalDate } from '../calendar/local-date.ts'
import { CATEGORIES, type Category, type Stage } from '../parse/types.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from './digest.ts'
import { issueUrgency, supervisionColour, type SupervisionColour, type Urgency, type WorkingDayCounter } from './sla.ts'
import type { Teams } from './teams.ts'
import type { IssueStatus, OpenIssueBrief } from './types.ts'

// The 台账 (the ledger officials hand upward every week) as facts: what each row of the workbook
// says, computed from the store's rows and the calendar; the sheets' wording is src/text's.

/** One issue as the 问题台账 lists it: its fields and the names of the people on it. */
export interface IssueLedgerRow {
  projectName: string
  number: number
  category: Category
  summary: string
  status: IssueStatus
  reporterName: string | null
  openedOn: LocalDate
  dueOn: LocalDate | null
  resolvedOn: LocalDate | null
  resolvedByName: string | null
  resolutionText: string | null
  assigneeName: string | null
  /** Later messages about the issue: its issue events of kind 'followed-up'. */
  followUps: number
}

/** One progress record as the 进度记录 lists it. */
export interface ProgressLedgerRow {
  projectName: string
  recordedOn: LocalDate
  reporterName: string | null
  stage: Stage | null
  percent: number | null
  /** The planned date the report stated ("预计5月底封顶"). */
  dueOn: LocalDate | null
  summary: string
}

/** How many days the ledger's period covers: a week, as the weekly 调度 material does. */
export const LEDGER_PERIOD_DAYS = 7

/** The period "raised" and "closed" are counted in: the seven days ending on the ledger's day. */
export function ledgerPeriod(day: LocalDate): { since: LocalDate; until: LocalDate } {
  return { since: addDays(day, -(LEDGER_PERIOD_DAYS - 1)), until: day }
}

/**
 * Working days an issue has taken: up to today while it is open, up to the day it was resolved once
 * it is (a closed issue does not keep ageing).
 */
export function issueWorkingDays(days: WorkingDayCounter, issue: Pick<IssueLedgerRow, 'status' | 'openedOn' | 'resolvedOn'>): number {
  const { openedOn, resolvedOn } = issue
  if (issue.status !== 'resolved' || resolvedOn === null) return days.until(openedOn)
  // Resolved by today: the difference of two counts up to today, which the counter keeps, rather
  // than a walk over the days between for each of thousands of issues.
  return resolvedOn <= days.today ? days.until(openedOn) - days.until(resolvedOn) : days.from(openedOn, resolvedOn)
}

/** An open issue's light (red overdue, yellow near due, green); null once resolved, late no more. */
export function ledgerUrgency(days: WorkingDayCounter, issue: Pick<IssueLedgerRow, 'status' | 'dueOn'>): Urgency | null {
  return issue.status === 'resolved' ? null : issueUrgency(days, issue.dueOn)
}

/**
 * Whether a row's figures used a provisional year: its working days (to today, or to its closing)
 * or, while open, its due date and light.
 */
export function ledgerProvisional(days: WorkingDayCounter, issue: Pick<IssueLedgerRow, 'status' | 'openedOn' | 'dueOn' | 'resolvedOn'>): boolean {
  if (issue.status === 'resolved' && issue.resolvedOn !== null) return days.provisional(issue.openedOn, issue.resolvedOn)
  const last = issue.dueOn !== null && issue.dueOn > days.today ? issue.dueOn : days.today
  return days.provisional(issue.openedOn < days.today ? issue.openedOn : days.today, last)
}

/**
 * An open issue's 督办单 colour in the 台账: blue near due, yellow overdue, red 严重超期; null when
 * neither, or once resolved. Example: due 11月25日, on 11月30日 3 working days late: yellow.
 */
export function ledgerColour(days: WorkingDayCounter, issue: Pick<IssueLedgerRow, 'status' | 'dueOn'>): SupervisionColour | null {
  const urgency = ledgerUrgency(days, issue)
  if (urgency === null) return null
  return supervisionColour(urgency, urgency === 'red' && issue.dueOn ? days.until(issue.dueOn) : 0, SEVERE_OVERDUE_WORKING_DAYS)
}

/** Issues of one team raised and closed in the period (the store counts them). */
export interface TeamPeriodCount {
  category: Category
  opened: number
  resolved: number
}

export interface TeamCounts {
  open: number
  /** Of the open ones, how many are past their due date (red). */
  overdue: number
  opened: number
  resolved: number
}

export interface TeamTally extends TeamCounts {
  category: Category
  name: string
}

/**
 * Per team (专班), every team listed even with nothing to count, in the teams' order: open issues
 * now and of those the overdue ones, raised and closed in the period; and the totals.
 */
export function tallyTeams(
  open: readonly Pick<OpenIssueBrief, 'category' | 'urgency'>[],
  period: readonly TeamPeriodCount[],
  teams: Teams,
): { teams: TeamTally[]; total: TeamCounts } {
  const tallies = new Map<Category, TeamTally>(
    CATEGORIES.map((c) => [c, { category: c, name: teams[c].name, open: 0, overdue: 0, opened: 0, resolved: 0 }]),
  )
  for (const issue of open) {
    const t = tallies.get(issue.category)!
    t.open++
    if (issue.urgency === 'red') t.overdue++
  }
  for (const p of period) {
    const t = tallies.get(p.category)!
    t.opened += p.opened
    t.resolved += p.resolved
  }
  const list = [...tallies.values()]
  const total: TeamCounts = { open: 0, overdue: 0, opened: 0, resolved: 0 }
  for (const t of list) {
    total.open += t.open
    total.overdue += t.overdue
    total.opened += t.opened
    total.resolved += t.resolved
  }
  return { teams: list, total }
}
