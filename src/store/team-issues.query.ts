import type { LocalDate } from '../calendar/local-date.ts'
import type { Category } from '../parse/types.ts'
import type { Db } from './database.ts'
import { toIssue } from './mappers.ts'
import type { Issue } from '../domain/types.ts'

export interface ClosedIssue extends Issue {
  projectName: string
  resolvedByName: string | null
}

/** A team's issues resolved on or after `since` (and not reopened since), newest first. */
export async function listResolvedSince(db: Db, query: { category: Category; since: LocalDate }): Promise<ClosedIssue[]> {
  const rows = await db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .leftJoin('people', 'people.id', 'issues.resolved_by_id')
    .selectAll('issues')
    .select(['projects.name as project_name', 'people.name as resolved_by_name'])
    .where('issues.category', '=', query.category)
    .where('issues.status', '=', 'resolved')
    .where('issues.resolved_on', '>=', query.since)
    .where('issues.retracted_at', 'is', null)
    .orderBy('issues.resolved_at', 'desc')
    .orderBy('issues.id', 'desc')
    .execute()
  return rows.map((r) => ({ ...toIssue(r), projectName: r.project_name, resolvedByName: r.resolved_by_name }))
}
