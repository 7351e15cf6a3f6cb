import { parts, type LocalDate } from '../calendar/local-date.ts'
import { CATEGORIES, STAGES, type Category, type Stage } from '../parse/types.ts'
import type { ProvisionalUse } from './calendar-gaps.ts'
import type { ProjectStatus } from './project-status.ts'
import { isAdmin } from './rules.ts'
import type { UrgencyCounts } from './sla.ts'
import type { Teams } from './teams.ts'
import type { DigestOpenIssue, Issue, ProgressUpdate } from './types.ts'

/** A group is silent after this many working days without a message. */
export const SILENT_WORKING_DAYS = 3
/** An issue this many working days past its due date is called out by name. */
export const SEVERE_OVERDUE_WORKING_DAYS = 5
/** How many of the oldest open issues the digest names. */
export const OLDEST_ISSUES = 5
/** How many items a list of the digest names before "……另有 N 项": a phone screen, not a report. */
export const LIST_LIMIT = 10

export interface DigestProgress extends ProgressUpdate {
  projectName: string
  reporterName: string | null
}

export interface DigestIssue extends Issue {
  projectName: string
}

/**
 * A stage whose latest record a member made, in the group ("今天正式开工了") or with /进度: not
 * confirmed by an admin's /stage, unless the member is an admin.
 */
export interface StageReport {
  projectId: number
  stage: Stage
  reachedOn: LocalDate
  reporter: { wechatId: string; name: string } | null
}

/** Everything the leaders' digest says about a day, as data; wording and order are the renderer's. */
export interface DigestData {
  day: LocalDate
  /** First day of the reporting window: the previous working day (so a Monday digest covers Friday, the weekend and Monday so far). */
  since: LocalDate
  /** Last day of the window: `day` itself, so what the lists call 今天提出 is counted as 新增. */
  until: LocalDate
  projects: ProjectStatus[]
  progress: DigestProgress[]
  opened: DigestIssue[]
  resolved: DigestIssue[]
  /** Open issues of active projects per team, by urgency. */
  openByTeam: Record<Category, UrgencyCounts>
  /** Open issues SEVERE_OVERDUE_WORKING_DAYS or more past due: how many, and the LIST_LIMIT due first. */
  severeOverdue: NamedIssues
  /** The OLDEST_ISSUES open issues opened first among those not severely overdue. */
  oldest: DigestOpenIssue[]
  /** The stages whose latest record a member made (an admin's /stage since confirms them). */
  stageReports: StageReport[]
  /** Ids of the severely overdue issues named that were escalated to their leader in charge (已提级). */
  escalated: number[]
}

export interface NamedIssues {
  total: number
  most: DigestOpenIssue[]
}

export interface TeamLine {
  category: Category
  name: string
  opened: number
  resolved: number
  open: number
  red: number
  yellow: number
}

export interface SlowLine {
  projectName: string
  stage: Stage
  since: LocalDate
  /** Whole months in the stage so far. */
  monthsIn: number
  limitMonths: number
}

/** A project's current stage as a member reported it, not (yet) confirmed by an admin. */
export interface UnconfirmedStageLine {
  projectName: string
  stage: Stage
  reachedOn: LocalDate
  reporterName: string | null
}

export interface SilentLine {
  projectName: string
  workingDays: number
  lastMessageOn: LocalDate | null
}

/** The leaders' digest as facts, most urgent first inside each list; the text is render-digest's. */
export interface Digest {
  day: LocalDate
  /** A make-up working day on a weekend (调休上班). */
  makeUp: boolean
  /** The window's first day; it runs up to `day` (see DigestData). */
  since: LocalDate
  /** The provisional calendar years this digest's figures used (see provisionalUse): marked 暂定. */
  provisional: ProvisionalUse
  projectCount: number
  /** Projects per furthest stage reached, `null` for none recorded yet; stages with none left out. */
  byStage: { stage: Stage | null; count: number }[]
  severeOverdue: NamedIssues
  /** Of those named, the ids escalated to their project's leader in charge: marked 已提级. */
  escalated: number[]
  teams: TeamLine[]
  slow: SlowLine[]
  unconfirmedStages: UnconfirmedStageLine[]
  silent: SilentLine[]
  /** The oldest open issues not already named as severely overdue. */
  oldest: DigestOpenIssue[]
  progress: DigestProgress[]
}

export function assembleDigest(input: {
  data: DigestData
  teams: Teams
  /** BOT_ADMINS: a stage one of them reported in the group needs no one's confirmation. */
  admins: readonly string[]
  makeUp: boolean
  provisional: ProvisionalUse
}): Digest {
  const { data } = input
  const byStageCount = new Map<Stage | null, number>()
  for (const s of data.projects) byStageCount.set(s.stage?.stage ?? null, (byStageCount.get(s.stage?.stage ?? null) ?? 0) + 1)
  const byStage = [...STAGES, null]
    .map((stage) => ({ stage, count: byStageCount.get(stage) ?? 0 }))
    .filter((s) => s.count > 0)

  const slow = data.projects
    .flatMap((s) =>
      s.slow
        ? [{ projectName: s.project.name, stage: s.slow.stage, since: s.slow.since, monthsIn: wholeMonths(s.slow.since, data.day), limitMonths: s.slow.months }]
        : [],
    )
    .sort((a, b) => b.monthsIn - b.limitMonths - (a.monthsIn - a.limitMonths) || a.since.localeCompare(b.since))

  const silent = data.projects
    .filter((s) => s.project.roomId !== null && s.workingDaysSilent >= SILENT_WORKING_DAYS)
    .map((s) => ({ projectName: s.project.name, workingDays: s.workingDaysSilent, lastMessageOn: s.lastMessageOn }))
    .sort((a, b) => b.workingDays - a.workingDays)

  return {
    day: data.day,
    makeUp: input.makeUp,
    since: data.since,
    provisional: input.provisional,
    projectCount: data.projects.length,
    byStage,
    severeOverdue: data.severeOverdue,
    escalated: data.escalated,
    teams: teamLines(data, input.teams),
    slow,
    unconfirmedStages: unconfirmedStages(data, input.admins),
    silent,
    oldest: data.oldest,
    progress: data.progress,
  }
}

/** Per team: issues opened and resolved in the window, open now, and how many of those are red or yellow. */
function teamLines(data: DigestData, teams: Teams): TeamLine[] {
  const lines = new Map<Category, TeamLine>(
    CATEGORIES.map((c) => [c, { category: c, name: teams[c].name, opened: 0, resolved: 0, open: 0, red: 0, yellow: 0 }]),
  )
  for (const i of data.opened) lines.get(i.category)!.opened++
  for (const i of data.resolved) lines.get(i.category)!.resolved++
  for (const [category, counts] of Object.entries(data.openByTeam) as [Category, UrgencyCounts][]) {
    const line = lines.get(category)!
    line.open += counts.red + counts.yellow + counts.green
    line.red += counts.red
    line.yellow += counts.yellow
  }
  return [...lines.values()]
    .filter((l) => l.opened + l.resolved + l.open > 0)
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.open - a.open || b.opened - a.opened)
}

/**
 * Projects whose current stage stands on a member's word alone: the latest record of that stage
 * came from the group or /进度, by someone not in BOT_ADMINS, and no admin's /stage followed it.
 */
function unconfirmedStages(data: DigestData, admins: readonly string[]): UnconfirmedStageLine[] {
  const latest = new Map(data.stageReports.map((r) => [`${r.projectId}:${r.stage}`, r]))
  return data.projects.flatMap((s) => {
    const report = s.stage ? latest.get(`${s.project.id}:${s.stage.stage}`) : undefined
    if (!report || (report.reporter && isAdmin({ admins }, { id: report.reporter.wechatId, name: report.reporter.name }))) return []
    return [{ projectName: s.project.name, stage: report.stage, reachedOn: report.reachedOn, reporterName: report.reporter?.name ?? null }]
  })
}

/** Whole months from `from` to `to`: 2026-01-05 → 2026-07-04 is 5, → 2026-07-05 is 6. */
export function wholeMonths(from: LocalDate, to: LocalDate): number {
  const a = parts(from)
  const b = parts(to)
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0)
}
