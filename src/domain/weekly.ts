import { addDays, daysBetween, isoWeekday, type LocalDate } from '../calendar/local-date.ts'
import { CATEGORIES, type Category, type Stage } from '../parse/types.ts'
import { wholeMonths, type SlowLine } from './digest.ts'
import type { ProjectStatus } from './project-status.ts'
import type { UrgencyCounts, WorkingDayCounter } from './sla.ts'
import type { StageDates } from './slow-projects.ts'
import type { Teams } from './teams.ts'

/** The 通报 looks back this many days for the stage speeds and the city's pace. */
export const PACE_DAYS = 90

/** The stages the 通报 counts as steps forward in a week (签约 is where a project starts). */
export const STEP_STAGES = ['land', 'construction', 'completion', 'production'] as const satisfies readonly Stage[]

/** An issue the week touched: opened in it, or closed in it. */
export interface WeeklyIssue {
  category: Category
  openedOn: LocalDate
  dueOn: LocalDate | null
  /** Set when it is closed now. */
  resolvedOn: LocalDate | null
}

/** What the store gives the 通报 for a Monday. */
export interface WeeklyData {
  day: LocalDate
  /** The week reported: the seven days before `day`, Monday to Sunday. */
  since: LocalDate
  until: LocalDate
  /** Issues opened or closed in the week (retracted ones never reach it). */
  issues: WeeklyIssue[]
  /** Open issues now, per team, by urgency (red is overdue). */
  openByTeam: Record<Category, UrgencyCounts>
  projects: ProjectStatus[]
}

export interface TeamWeekLine {
  category: Category
  name: string
  received: number
  closed: number
  /** Closed on or before its due date (one without a due date has no deadline to miss). */
  closedInTime: number
  /** closedInTime / closed; null when nothing was closed. */
  inTimeShare: number | null
  /** Median working days from raised to closed, of those closed in the week; null when none. */
  medianWorkingDays: number | null
  open: number
  overdue: number
}

/** How long a step took: the median in days over the projects counted; null when none. */
export interface StageGap {
  medianDays: number | null
  projects: number
}

export interface StageStep {
  projectName: string
  stage: Stage
  on: LocalDate
}

/** The weekly 通报 as facts; the words are src/text/weekly.ts'. */
export interface Weekly {
  day: LocalDate
  since: LocalDate
  until: LocalDate
  /** Every team with anything to count, the slowest first (see rankTeams). */
  teams: TeamWeekLine[]
  /** Projects that reached 供地, 动工, 竣工 or 投产 in the week, by date. */
  steps: StageStep[]
  /** Days 签约→供地 of the projects that got their land in the last PACE_DAYS days. */
  signedToLand: StageGap
  /** Days 供地→动工 of those that started construction in the last PACE_DAYS days. */
  landToConstruction: StageGap
  /** Projects that got their land in the last PACE_DAYS days: "平均每 N 天一个项目供地". */
  landsInPace: number
  slow: SlowLine[]
}

/** The Monday of `day`'s week: the board and the 台账 show the 通报 that Monday sent (of the week before). */
export function weekMonday(day: LocalDate): LocalDate {
  return addDays(day, 1 - isoWeekday(day))
}

/** The 通报 of `day` (a Monday): the week before it, Monday to Sunday. */
export function weekBefore(day: LocalDate): { since: LocalDate; until: LocalDate } {
  return { since: addDays(day, -7), until: addDays(day, -1) }
}

export function assembleWeekly(data: WeeklyData, teams: Teams, days: WorkingDayCounter): Weekly {
  const inWeek = (d: LocalDate | null | undefined): d is LocalDate => d != null && d >= data.since && d <= data.until
  const paceFrom = addDays(data.day, -PACE_DAYS)
  const inPace = (d: LocalDate | null | undefined): d is LocalDate => d != null && d >= paceFrom && d < data.day

  const steps: StageStep[] = []
  const signedToLand: number[] = []
  const landToConstruction: number[] = []
  for (const s of data.projects) {
    for (const stage of STEP_STAGES) {
      const on = s.stages[stage]
      if (inWeek(on)) steps.push({ projectName: s.project.name, stage, on })
    }
    const gap = (from: keyof StageDates, to: keyof StageDates, into: number[]) => {
      const a = s.stages[from]
      const b = s.stages[to]
      if (a && inPace(b) && b >= a) into.push(daysBetween(a, b))
    }
    gap('signed', 'land', signedToLand)
    gap('land', 'construction', landToConstruction)
  }
  const order: readonly Stage[] = STEP_STAGES
  steps.sort((a, b) => a.on.localeCompare(b.on) || order.indexOf(a.stage) - order.indexOf(b.stage))

  return {
    day: data.day,
    since: data.since,
    until: data.until,
    teams: rankTeams(teamLines(data, teams, days, inWeek)),
    steps,
    signedToLand: { medianDays: median(signedToLand), projects: signedToLand.length },
    landToConstruction: { medianDays: median(landToConstruction), projects: landToConstruction.length },
    landsInPace: data.projects.filter((s) => inPace(s.stages.land)).length,
    slow: data.projects
      .flatMap((s) =>
        s.slow
          ? [{ projectName: s.project.name, stage: s.slow.stage, since: s.slow.since, monthsIn: wholeMonths(s.slow.since, data.day), limitMonths: s.slow.months }]
          : [],
      )
      .sort((a, b) => b.monthsIn - b.limitMonths - (a.monthsIn - a.limitMonths) || a.since.localeCompare(b.since)),
  }
}

function teamLines(data: WeeklyData, teams: Teams, days: WorkingDayCounter, inWeek: (d: LocalDate | null) => d is LocalDate): TeamWeekLine[] {
  const closeDays = new Map<Category, number[]>(CATEGORIES.map((c) => [c, []]))
  const lines = new Map<Category, TeamWeekLine>(
    CATEGORIES.map((c) => {
      const open = data.openByTeam[c]
      return [c, { category: c, name: teams[c].name, received: 0, closed: 0, closedInTime: 0, inTimeShare: null, medianWorkingDays: null, open: open.red + open.yellow + open.green, overdue: open.red }]
    }),
  )
  for (const i of data.issues) {
    const line = lines.get(i.category)!
    if (inWeek(i.openedOn)) line.received++
    if (inWeek(i.resolvedOn)) {
      line.closed++
      if (i.dueOn === null || i.resolvedOn <= i.dueOn) line.closedInTime++
      closeDays.get(i.category)!.push(days.from(i.openedOn, i.resolvedOn))
    }
  }
  for (const line of lines.values()) {
    line.inTimeShare = line.closed > 0 ? line.closedInTime / line.closed : null
    line.medianWorkingDays = median(closeDays.get(line.category)!)
  }
  return [...lines.values()].filter((l) => l.received + l.closed + l.open > 0)
}

/**
 * The slowest team first, as a 通报 names who is behind: the most overdue now, then the lowest
 * share closed in time (none closed counts as none late), then the most open, then the longest
 * median to close.
 */
export function rankTeams(lines: TeamWeekLine[]): TeamWeekLine[] {
  const share = (l: TeamWeekLine) => l.inTimeShare ?? 1
  const median = (l: TeamWeekLine) => l.medianWorkingDays ?? 0
  return [...lines].sort((a, b) => b.overdue - a.overdue || share(a) - share(b) || b.open - a.open || median(b) - median(a))
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
