import { sql, type ExpressionBuilder } from 'kysely'
import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { buildProjectStatus, countByUrgency, type ProjectStatus } from '../domain/project-status.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../domain/digest.ts'
import { overdueBefore, urgencyCutoffs, urgencyOfColours, workingDayCounter, type ColourCounts, type UrgencyCounts, type WorkingDayCounter } from '../domain/sla.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import type { DigestOpenIssue, ProgressUpdate } from '../domain/types.ts'
import { CATEGORIES, type Category } from '../parse/types.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import { literalLimit } from './literal-limit.ts'
import { toProgress, toProject } from './mappers.ts'
import { fetchOpenIssueBriefs, fetchOpenIssues } from './open-issues.query.ts'
import { findLatestProgress } from './progress.repository.ts'
import type { Database } from './schema.ts'
import { getAllStageDates, getStageDates } from './stages.repository.ts'

export interface StatusQuery {
  today: LocalDate
  calendar: WorkingCalendar
  timeZone: string
  thresholds: SlowThresholds
}

/** One project's status for `/status` in its group; null when there is no such project. */
export async function getProjectStatus(db: Db, projectId: number, query: StatusQuery): Promise<ProjectStatus | null> {
  const row = await db
    .selectFrom('projects')
    .selectAll()
    .select(lastMessageAt)
    .where('id', '=', projectId)
    .executeTakeFirst()
  if (!row) return null
  const days = workingDayCounter(query.calendar, query.today)
  const [stages, latest, open] = [
    await getStageDates(db, projectId),
    await findLatestProgress(db, projectId),
    await fetchOpenIssues(db, projectId, days),
  ]
  return buildProjectStatus(toProject(row), stages, latest, localDay(row.last_message_at, query), countByUrgency(open), days, query)
}

export interface ProjectStatusList {
  statuses: ProjectStatus[]
  /** Every open issue of the active projects, most urgent first (already fetched for the counts). */
  openIssues: DigestOpenIssue[]
}

/** Every active project's status, in a handful of queries: private `/status` and the digest. */
export async function listProjectStatuses(
  db: Db,
  query: StatusQuery,
  days: WorkingDayCounter = workingDayCounter(query.calendar, query.today),
): Promise<ProjectStatusList> {
  const facts = await projectFacts(db)
  const open = await fetchOpenIssueBriefs(db, days, new Map(facts.projects.map((p) => [p.id, p.name])))
  const byProject = new Map<number, DigestOpenIssue[]>()
  for (const issue of open) {
    const list = byProject.get(issue.projectId)
    if (list) list.push(issue)
    else byProject.set(issue.projectId, [issue])
  }
  const counts = new Map([...byProject].map(([id, issues]) => [id, countByUrgency(issues)]))
  return { statuses: facts.statuses(counts, days, query), openIssues: open }
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
 * Every active project's status with its open issues counted by SQLite, never read one by one: the
 * whiteboard's overview of a city with 15,000 open issues. The counts are by colour (issueColour's
 * verdicts as dates: 严重超期 before severeBefore, 超期 before today, 临期 before yellowBefore), and
 * by urgency from them. With `team`, that team's issues are also counted per project.
 */
export async function listProjectOverview(db: Db, query: StatusQuery, team: Category | null = null): Promise<ProjectOverview> {
  const { redBefore, yellowBefore } = urgencyCutoffs(query.calendar, query.today)
  const severeBefore = overdueBefore(query.calendar, query.today, SEVERE_OVERDUE_WORKING_DAYS)
  const counted = async (column: 'project_id' | 'category', category: Category | null) => {
    let q = db
      .selectFrom('issues')
      .select([
        `${column} as key`,
        sql<number>`coalesce(sum(case when due_on < ${severeBefore} then 1 else 0 end), 0)`.as('red'),
        sql<number>`coalesce(sum(case when due_on >= ${severeBefore} and due_on < ${redBefore} then 1 else 0 end), 0)`.as('yellow'),
        sql<number>`coalesce(sum(case when due_on >= ${redBefore} and due_on < ${yellowBefore} then 1 else 0 end), 0)`.as('blue'),
        sql<number>`count(*)`.as('total'),
      ])
      .where('status', 'in', OPEN_STATUSES)
      .where('retracted_at', 'is', null)
    if (category !== null) q = q.where('category', '=', category)
    const rows = await q.groupBy(column).execute()
    return rows.map((r) => [r.key, { red: r.red, yellow: r.yellow, blue: r.blue, green: r.total - r.red - r.yellow - r.blue }] as const)
  }
  const facts = await projectFacts(db)
  const byProject = new Map((await counted('project_id', null)).map(([key, c]) => [key as number, c]))
  const teams = Object.fromEntries(CATEGORIES.map((c) => [c, { ...NO_COLOURS }])) as Record<Category, ColourCounts>
  for (const [key, c] of await counted('category', null)) teams[key as Category] = c
  return {
    statuses: facts.statuses(new Map([...byProject].map(([id, c]) => [id, urgencyOfColours(c)])), workingDayCounter(query.calendar, query.today), query),
    teams: Object.fromEntries(CATEGORIES.map((c) => [c, urgencyOfColours(teams[c])])) as Record<Category, UrgencyCounts>,
    colours: { projects: byProject, teams },
    team: team === null ? null : new Map((await counted('project_id', team)).map(([key, c]) => [key as number, c])),
  }
}

const NO_COLOURS: ColourCounts = { red: 0, yellow: 0, blue: 0, green: 0 }

/** What every project's status needs besides its open issues, read once for all projects. */
async function projectFacts(db: Db) {
  const rows = await db.selectFrom('projects').selectAll().select(lastMessageAt).orderBy('id').execute()
  const projects = rows.map(toProject)
  const stages = await getAllStageDates(db)
  const latest = await latestProgressByProject(db)
  return {
    projects,
    /** The statuses, given each project's open issues counted (a project left out has none). */
    statuses(counts: ReadonlyMap<number, UrgencyCounts>, days: WorkingDayCounter, query: StatusQuery): ProjectStatus[] {
      return projects.map((p, i) =>
        buildProjectStatus(p, stages.get(p.id) ?? {}, latest.get(p.id) ?? null, localDay(rows[i]!.last_message_at, query), counts.get(p.id) ?? NONE, days, query),
      )
    },
  }
}

const NONE: UrgencyCounts = { red: 0, yellow: 0, green: 0 }

/**
 * When a project's latest message was sent, found by a seek on the (project_id, sent_at) index
 * and read from it (its day is worked out here: reading sent_on would read 5,000 rows more).
 */
const lastMessageAt = (eb: ExpressionBuilder<Database, 'projects'>) =>
  eb
    .selectFrom('messages')
    .select('messages.sent_at')
    .whereRef('messages.project_id', '=', 'projects.id')
    .orderBy('messages.sent_at', 'desc')
    .limit(literalLimit(1))
    .as('last_message_at')

const localDay = (sentAt: string | null, query: StatusQuery): LocalDate | null => (sentAt === null ? null : dateInZone(new Date(sentAt), query.timeZone))

/** Each active project's latest progress update: one seek per project on (project_id, recorded_at). */
async function latestProgressByProject(db: Db): Promise<Map<number, ProgressUpdate>> {
  const rows = await db
    .selectFrom('progress_updates')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('projects')
        .select((p) =>
          p
            .selectFrom('progress_updates as latest')
            .select('latest.id')
            .whereRef('latest.project_id', '=', 'projects.id')
            .where('latest.retracted_at', 'is', null)
            .orderBy('latest.recorded_at', 'desc')
            .orderBy('latest.id', 'desc')
            .limit(literalLimit(1))
            .as('id'),
        ),
    )
    .execute()
  return new Map(rows.map((r) => [r.project_id, toProgress(r)]))
}
