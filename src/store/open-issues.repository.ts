import type { Db } from './database.ts'
import { OPEN_STATUSES } from './issues.repository.ts'
import { toIssue } from './mappers.ts'
import type { Issue } from './types.ts'

/** Open issues of one project, or of every active project, oldest number first; taken-back ones never. */
export async function listOpenIssues(db: Db, projectId?: number): Promise<Issue[]> {
  let query = db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .selectAll('issues')
    .where('issues.status', 'in', OPEN_STATUSES)
    .where('issues.retracted_at', 'is', null)
    .where('projects.archived_at', 'is', null)
  if (projectId !== undefined) query = query.where('issues.project_id', '=', projectId)
  const rows = await query.orderBy('issues.project_id').orderBy('issues.number').execute()
  return rows.map(toIssue)
}

/** The latest issues of a project, open or not, newest first: `/issues all`. */
export async function listRecentIssues(db: Db, projectId: number, limit: number): Promise<Issue[]> {
  const rows = await db
    .selectFrom('issues')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('retracted_at', 'is', null)
    .orderBy('number', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toIssue)
}
