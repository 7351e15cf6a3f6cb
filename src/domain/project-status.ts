import { dateInZone, daysBetween, type LocalDate } from '../calendar/local-date.ts'
import type { Stage } from '../parse/types.ts'
import type { Urgency, UrgencyCounts, WorkingDayCounter } from './sla.ts'
import { currentStage, slowProject, type SlowThresholds, type SlowVerdict, type StageDates } from './slow-projects.ts'
import type { ProgressUpdate, Project } from './types.ts'

export interface ProjectStatus {
  project: Project
  stages: StageDates
  /** The furthest stage reached and since when; null before signing. */
  stage: { stage: Stage; since: LocalDate } | null
  slow: SlowVerdict | null
  latestProgress: ProgressUpdate | null
  /** Calendar and working days since the latest progress update; null when there was none. */
  daysSinceUpdate: number | null
  workingDaysSinceUpdate: number | null
  /** The day of the group's latest message (any message, records or not). */
  lastMessageOn: LocalDate | null
  /** Working days since that message, or since the project was created when the group never spoke. */
  workingDaysSilent: number
  openIssues: Record<Urgency, number> & { total: number }
}

/** Pure: puts one project's facts together as of `today`. */
export function buildProjectStatus(
  project: Project,
  stages: StageDates,
  latestProgress: ProgressUpdate | null,
  lastMessageOn: LocalDate | null,
  openIssues: UrgencyCounts,
  days: WorkingDayCounter,
  query: { timeZone: string; thresholds: SlowThresholds },
): ProjectStatus {
  const updatedOn = latestProgress?.recordedOn ?? null
  return {
    project,
    stages,
    stage: currentStage(stages),
    slow: slowProject(stages, days.today, query.thresholds),
    latestProgress,
    daysSinceUpdate: updatedOn ? Math.max(0, daysBetween(updatedOn, days.today)) : null,
    workingDaysSinceUpdate: updatedOn ? days.until(updatedOn) : null,
    lastMessageOn,
    workingDaysSilent: days.until(lastMessageOn ?? dateInZone(project.createdAt, query.timeZone)),
    openIssues: { ...openIssues, total: openIssues.red + openIssues.yellow + openIssues.green },
  }
}

/** Counts issues by their urgency. */
export function countByUrgency(issues: readonly { urgency: Urgency }[]): UrgencyCounts {
  const counts = { red: 0, yellow: 0, green: 0 }
  for (const issue of issues) counts[issue.urgency]++
  return counts
}

