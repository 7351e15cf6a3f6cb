import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { buildProjectStatus, countByUrgency, type ProjectStatus } from '../domain/project-status.ts'
import {
  ageOpenIssues,
  colourOfDueCounts,
  compareByUrgency,
  issueAger,
  overdueBefore,
  urgencyCutoffs,
  urgencyOfDueCounts,
  workingDayCounter,
  type ColourCounts,
  type UrgencyCounts,
  type WorkingDayCounter,
} from '../domain/sla.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../domain/digest.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import type { DigestOpenIssue, DueCounts, OpenIssue } from '../domain/types.ts'
import { CATEGORIES, type Category } from '../parse/types.ts'
import {
  countOpenIssuesDueByProject,
  countOpenIssuesDueByTeam,
  getProjectFacts,
  listOpenIssueFacts,
  listOpenIssueRecords,
  listProjectFacts,
  type Db,
  type DueCutoffs,
  type ProjectFacts,
} from '../store/index.ts'

// The store reads and counts; here its rows are aged, sorted and judged by the SLA rules
// (domain/sla.ts) as of `today`: /status, /issues, the board, the digest, the 通报 and the 台账.

export interface StatusQuery {
  today: LocalDate
  calendar: WorkingCalendar
  timeZone: string
  thresholds: SlowThresholds
}

export interface OpenIssuesQuery {
  /** One project's issues; all active projects' when absent. */
  projectId?: number
  today: LocalDate
  calendar: WorkingCalendar
}

/** Open (and reopened) issues, most urgent first, aged in working days on the calendar. */
export async function listOpenIssues(db: Db, query: OpenIssuesQuery): Promise<OpenIssue[]> {
  return ageOpenIssues(await listOpenIssueRecords(db, query.projectId), workingDayCounter(query.calendar, query.today))
}

/** One project's status for `/status` in its group; null when there is no such project. */
export async function getProjectStatus(db: Db, projectId: number, query: StatusQuery): Promise<ProjectStatus | null> {
  const facts = await getProjectFacts(db, projectId)
  if (!facts) return null
  const days = workingDayCounter(query.calendar, query.today)
  const open = ageOpenIssues(await listOpenIssueRecords(db, projectId), days)
  return statusOf(facts, countByUrgency(open), days, query)
}

export interface ProjectStatusList {
  statuses: ProjectStatus[]
  /** Every open issue of the active projects, most urgent first (already fetched for the counts). */
  openIssues: DigestOpenIssue[]
}

/** Every active project's status, in a handful of queries: private `/status` and the 台账. */
export async function listProjectStatuses(
  db: Db,
  query: StatusQuery,
  days: WorkingDayCounter = workingDayCounter(query.calendar, query.today),
): Promise<ProjectStatusList> {
  const facts = await listProjectFacts(db)
  const age = issueAger(days)
  // One flat object per issue, built here: the 台账 ages 10,000s (a spread of each costs more).
  const open = (await listOpenIssueFacts(db, new Map(facts.map((f) => [f.project.id, f.project.name]))))
    .map((f): DigestOpenIssue => {
      const a = age(f.openedOn, f.dueOn)
      return {
        id: f.id,
        projectId: f.projectId,
        projectName: f.projectName,
        number: f.number,
        category: f.category,
        summary: f.summary,
        status: f.status,
        openedOn: f.openedOn,
        dueOn: f.dueOn,
        assigneeId: f.assigneeId,
        ageWorkingDays: a.ageWorkingDays,
        urgency: a.urgency,
        overdueWorkingDays: a.overdueWorkingDays,
        provisional: a.provisional,
      }
    })
    .sort(compareByUrgency)
  const byProject = new Map<number, DigestOpenIssue[]>()
  for (const issue of open) {
    const list = byProject.get(issue.projectId)
    if (list) list.push(issue)
    else byProject.set(issue.projectId, [issue])
  }
  return { statuses: facts.map((f) => statusOf(f, countByUrgency(byProject.get(f.project.id) ?? []), days, query)), openIssues: open }
}

export interface ProjectOverview {
  statuses: ProjectStatus[]
  /** Every team's open issues across all projects. */
  teams: Record<Category, UrgencyCounts>
  /** The same open issues by the 督办单's colours, as the whiteboard shows them: per project (none when left out) and per team. */
  colours: { projects: Map<number, ColourCounts>; teams: Record<Category, ColourCounts> }
  /** Asked for one team: its open issues in each project that has any, by colour. */
  team: Map<number, ColourCounts> | null
}

/**
 * Every active project's status with its open issues counted by SQLite against the cutoffs the
 * rules give (严重超期 before severeBefore, 超期 before today, 临期 before the near-due date), never
 * read one by one: the whiteboard's overview of a city with 15,000 open issues. With `team`, that
 * team's issues are also counted per project.
 */
export async function listProjectOverview(db: Db, query: StatusQuery, team: Category | null = null): Promise<ProjectOverview> {
  const { redBefore, yellowBefore } = urgencyCutoffs(query.calendar, query.today)
  const severeBefore = overdueBefore(query.calendar, query.today, SEVERE_OVERDUE_WORKING_DAYS)
  const cutoffs: DueCutoffs = { severeBefore, overdueBefore: redBefore, dueSoonBefore: yellowBefore }
  const facts = await listProjectFacts(db)
  const byProject = await countOpenIssuesDueByProject(db, cutoffs)
  const byTeam = await countOpenIssuesDueByTeam(db, cutoffs)
  const days = workingDayCounter(query.calendar, query.today)
  const none: DueCounts = { severe: 0, overdue: 0, dueSoon: 0, total: 0 }
  return {
    statuses: facts.map((f) => statusOf(f, urgencies(byProject.get(f.project.id)), days, query)),
    teams: Object.fromEntries(CATEGORIES.map((c) => [c, urgencies(byTeam.get(c))])) as Record<Category, UrgencyCounts>,
    colours: {
      projects: new Map([...byProject].map(([id, c]) => [id, colourOfDueCounts(c)])),
      teams: Object.fromEntries(CATEGORIES.map((c) => [c, colourOfDueCounts(byTeam.get(c) ?? none)])) as Record<Category, ColourCounts>,
    },
    team: team === null ? null : new Map([...(await countOpenIssuesDueByProject(db, cutoffs, team))].map(([id, c]) => [id, colourOfDueCounts(c)])),
  }
}

const urgencies = (counts: DueCounts | undefined): UrgencyCounts => (counts ? urgencyOfDueCounts(counts) : { red: 0, yellow: 0, green: 0 })

function statusOf(f: ProjectFacts, open: UrgencyCounts, days: WorkingDayCounter, query: StatusQuery): ProjectStatus {
  const lastMessageOn = f.lastMessageAt === null ? null : dateInZone(new Date(f.lastMessageAt), query.timeZone)
  return buildProjectStatus(f.project, f.stages, f.latestProgress, lastMessageOn, open, days, query)
}
