import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { toIssue } from './mappers.ts'
import type { Issue } from '../domain/types.ts'

/** A project's latest resolved issues, newest first: the closed half of `/issues all`. */
export async function listRecentlyResolved(db: Db, projectId: number, limit: number): Promise<Issue[]> {
  const rows = await db
    .selectFrom('issues')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('status', '=', 'resolved')
    .where('retracted_at', 'is', null)
    .orderBy('resolved_at', 'desc')
    .limit(literalLimit(limit))
    .execute()
  return rows.map(toIssue)
}
