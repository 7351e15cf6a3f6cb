import { sql, type ExpressionBuilder } from 'kysely'
import type { LocalDate } from '../calendar/local-date.ts'
import type { StageDates } from '../domain/slow-projects.ts'
import type { DueCounts, ProgressUpdate, Project } from '../domain/types.ts'
import type { Category } from '../parse/types.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import { literalLimit } from './literal-limit.ts'
import { toProgress, toProject } from './mappers.ts'
import { findLatestProgress } from './progress.repository.ts'
import type { Database } from './schema.ts'
import { getAllStageDates, getStageDates } from './stages.repository.ts'

/** What a project's status is built from besides its open issues (domain/project-status.ts). */
export interface ProjectFacts {
  project: Project
  stages: StageDates
  latestProgress: ProgressUpdate | null
  /** When the group's latest message (any message, records or not) was sent, an ISO instant. */
  lastMessageAt: string | null
}

/** One project's facts for `/status` in its group; null when there is no such project. */
export async function getProjectFacts(db: Db, projectId: number): Promise<ProjectFacts | null> {
  const row = await db.selectFrom('projects').selectAll().select(lastMessageAt).where('id', '=', projectId).executeTakeFirst()
  if (!row) return null
  return {
    project: toProject(row),
    stages: await getStageDates(db, projectId),
    latestProgress: await findLatestProgress(db, projectId),
    lastMessageAt: row.last_message_at,
  }
}

/** Every active project's facts, read once for all projects in a handful of queries. */
export async function listProjectFacts(db: Db): Promise<ProjectFacts[]> {
  const rows = await db.selectFrom('projects').selectAll().select(lastMessageAt).orderBy('id').execute()
  const stages = await getAllStageDates(db)
  const latest = await latestProgressByProject(db)
  return rows.map((row) => ({
    project: toProject(row),
    stages: stages.get(row.id) ?? {},
    latestProgress: latest.get(row.id) ?? null,
    lastMessageAt: row.last_message_at,
  }))
}

/**
 * Three due dates the caller computed (domain/sla.ts urgencyCutoffs, overdueBefore): an open issue
 * due before `severeBefore` counts as severely overdue (严重超期), before `overdueBefore` as overdue,
 * from it and before `dueSoonBefore` as due soon.
 */
export interface DueCutoffs {
  severeBefore: LocalDate
  overdueBefore: LocalDate
  dueSoonBefore: LocalDate
}

/**
 * Open issues counted by SQLite against the cutoffs, per project (with `team`, that team's only),
 * never read one by one: the whiteboard's overview of a city with 15,000 open issues. A project
 * without open issues is absent.
 */
export async function countOpenIssuesDueByProject(db: Db, cutoffs: DueCutoffs, team: Category | null = null): Promise<Map<number, DueCounts>> {
  return new Map((await countDue(db, cutoffs, 'project_id', team)).map((r) => [r.key as number, r.counts]))
}

/** Every team's open issues counted against the cutoffs; a team without open issues is absent. */
export async function countOpenIssuesDueByTeam(db: Db, cutoffs: DueCutoffs): Promise<Map<Category, DueCounts>> {
  return new Map((await countDue(db, cutoffs, 'category', null)).map((r) => [r.key as Category, r.counts]))
}

async function countDue(db: Db, { severeBefore, overdueBefore, dueSoonBefore }: DueCutoffs, column: 'project_id' | 'category', team: Category | null) {
  let q = db
    .selectFrom('issues')
    .select([
      `${column} as key`,
      sql<number>`coalesce(sum(case when due_on < ${severeBefore} then 1 else 0 end), 0)`.as('severe'),
      sql<number>`coalesce(sum(case when due_on < ${overdueBefore} then 1 else 0 end), 0)`.as('overdue'),
      sql<number>`coalesce(sum(case when due_on >= ${overdueBefore} and due_on < ${dueSoonBefore} then 1 else 0 end), 0)`.as('dueSoon'),
      sql<number>`count(*)`.as('total'),
    ])
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
  if (team !== null) q = q.where('category', '=', team)
  const rows = await q.groupBy(column).execute()
  return rows.map((r) => ({ key: r.key, counts: { severe: r.severe, overdue: r.overdue, dueSoon: r.dueSoon, total: r.total } as DueCounts }))
}

/**
 * When a project's latest message was sent, found by a seek on the (project_id, sent_at) index
 * and read from it (its local day is worked out by the caller: reading sent_on would read 5,000
 * rows more).
 */
const lastMessageAt = (eb: ExpressionBuilder<Database, 'projects'>) =>
  eb
    .selectFrom('messages')
    .select('messages.sent_at')
    .whereRef('messages.project_id', '=', 'projects.id')
    .orderBy('messages.sent_at', 'desc')
    .limit(literalLimit(1))
    .as('last_message_at')

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
