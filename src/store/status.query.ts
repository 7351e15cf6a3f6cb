import type { ExpressionBuilder } from 'kysely'
import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { buildProjectStatus, type ProjectStatus } from '../domain/project-status.ts'
import { issueUrgency, workingDayCounter, type Urgency, type WorkingDayCounter } from '../domain/sla.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import type { DigestOpenIssue, OpenIssueBrief, ProgressUpdate } from '../domain/types.ts'
import type { Category } from '../parse/types.ts'
import { OPEN_STATUSES } from './issues.repository.ts'
import type { Db } from './database.ts'
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
    .select(lastMessageOn)
    .where('id', '=', projectId)
    .executeTakeFirst()
  if (!row) return null
  const days = workingDayCounter(query.calendar, query.today)
  const [stages, latest, open] = [
    await getStageDates(db, projectId),
    await findLatestProgress(db, projectId),
    await fetchOpenIssues(db, projectId, days),
  ]
  return buildProjectStatus(toProject(row), stages, latest, row.last_message_on, open, days, query)
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
  return { statuses: facts.statuses(open, days, query), openIssues: open }
}

/** An open issue reduced to what a count needs: its project, its team, how urgent. */
export interface OpenIssueMark {
  projectId: number
  category: Category
  urgency: Urgency
}

export interface ProjectOverview {
  statuses: ProjectStatus[]
  /** Every open issue of the active projects as a mark. */
  openIssues: OpenIssueMark[]
}

/**
 * Every active project's status with its open issues as marks, not read whole: the whiteboard's
 * overview of a city with 15,000 open issues, in a third of listProjectStatuses' time. Urgency is
 * decided once per due date.
 */
export async function listProjectOverview(db: Db, query: StatusQuery): Promise<ProjectOverview> {
  const days = workingDayCounter(query.calendar, query.today)
  const facts = await projectFacts(db)
  const rows = await db
    .selectFrom('issues')
    .select(['project_id', 'category', 'due_on'])
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
    .execute()
  const urgencies = new Map<LocalDate | null, Urgency>()
  const open: OpenIssueMark[] = []
  for (const r of rows) {
    let urgency = urgencies.get(r.due_on)
    if (urgency === undefined) urgencies.set(r.due_on, (urgency = issueUrgency(days, r.due_on)))
    open.push({ projectId: r.project_id, category: r.category as Category, urgency })
  }
  return { statuses: facts.statuses(open, days, query), openIssues: open }
}

/** What every project's status needs besides its open issues, read once for all projects. */
async function projectFacts(db: Db) {
  const rows = await db.selectFrom('projects').selectAll().select(lastMessageOn).orderBy('id').execute()
  const projects = rows.map(toProject)
  const stages = await getAllStageDates(db)
  const latest = await latestProgressByProject(db)
  return {
    projects,
    /** The statuses, given the open issues of all projects (others' are ignored). */
    statuses(open: readonly (Pick<OpenIssueBrief, 'urgency'> & { projectId: number })[], days: WorkingDayCounter, query: StatusQuery): ProjectStatus[] {
      const openByProject = new Map<number, Pick<OpenIssueBrief, 'urgency'>[]>()
      for (const issue of open) {
        const list = openByProject.get(issue.projectId)
        if (list) list.push(issue)
        else openByProject.set(issue.projectId, [issue])
      }
      return projects.map((p, i) =>
        buildProjectStatus(p, stages.get(p.id) ?? {}, latest.get(p.id) ?? null, rows[i]!.last_message_on, openByProject.get(p.id) ?? [], days, query),
      )
    },
  }
}

/** The day of a project's latest message, found by a seek on the (project_id, sent_at) index. */
const lastMessageOn = (eb: ExpressionBuilder<Database, 'projects'>) =>
  eb
    .selectFrom('messages')
    .select('messages.sent_on')
    .whereRef('messages.project_id', '=', 'projects.id')
    .orderBy('messages.sent_at', 'desc')
    .limit(1)
    .as('last_message_on')

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
            .limit(1)
            .as('id'),
        ),
    )
    .execute()
  return new Map(rows.map((r) => [r.project_id, toProgress(r)]))
}
