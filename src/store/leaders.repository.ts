import type { LocalDate } from '../calendar/local-date.ts'
import type { Category } from '../parse/types.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'

/** A project's leader in charge (挂点领导): a WeChat contact id when known, else only the name. */
export interface ProjectLeader {
  name: string
  wechatId: string | null
}

/** Names (or renames) a project's leader in charge: the latest /挂点 wins. */
export async function setProjectLeader(db: Db, projectId: number, leader: ProjectLeader, setById: number | null, at: Date): Promise<void> {
  await db
    .insertInto('project_leaders')
    .values({ project_id: projectId, name: leader.name, wechat_id: leader.wechatId, set_by_id: setById, set_at: at.toISOString() })
    .onConflict((oc) => oc.column('project_id').doUpdateSet({ name: leader.name, wechat_id: leader.wechatId, set_by_id: setById, set_at: at.toISOString() }))
    .execute()
}

export async function getProjectLeader(db: Db, projectId: number): Promise<ProjectLeader | null> {
  const row = await db.selectFrom('project_leaders').select(['name', 'wechat_id']).where('project_id', '=', projectId).executeTakeFirst()
  return row ? { name: row.name, wechatId: row.wechat_id } : null
}

/** The dedupe key of an issue's escalation in the outbox: queued once, ever (see escalatedIssueIds). */
export function escalationKey(issueId: number): string {
  return `escalate:${issueId}`
}

/** An open issue severely overdue in a project with a leader in charge, not escalated yet. */
export interface EscalationCandidate {
  issueId: number
  projectId: number
  projectName: string
  number: number
  category: Category
  summary: string
  openedOn: LocalDate
  dueOn: LocalDate
  leader: ProjectLeader
}

/**
 * Open issues due before `severeBefore` (SEVERE_OVERDUE_WORKING_DAYS or more past due) in projects
 * that have a leader in charge, whose escalation was never queued: the outbox keeps the key of
 * every escalation queued (escalationKey), so each issue goes up once.
 */
export async function listEscalationCandidates(db: Db, severeBefore: LocalDate): Promise<EscalationCandidate[]> {
  const rows = await db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .innerJoin('project_leaders as leader', 'leader.project_id', 'issues.project_id')
    .select([
      'issues.id', 'issues.project_id', 'projects.name as project_name', 'issues.number', 'issues.category', 'issues.summary', 'issues.opened_on',
      'issues.due_on', 'leader.name as leader_name', 'leader.wechat_id as leader_wechat_id',
    ])
    .where('issues.status', 'in', OPEN_STATUSES)
    .where('issues.retracted_at', 'is', null)
    .where('issues.due_on', '<', severeBefore)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox').select('outbox.id').where('outbox.issue_id', '=', eb.ref('issues.id')).where('outbox.dedupe_key', 'like', 'escalate:%'))))
    .orderBy('issues.due_on')
    .orderBy('issues.id')
    .execute()
  return rows.map((r) => ({
    issueId: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    number: r.number,
    category: r.category as Category,
    summary: r.summary,
    openedOn: r.opened_on,
    dueOn: r.due_on!,
    leader: { name: r.leader_name, wechatId: r.leader_wechat_id },
  }))
}

/** Of these issues, those whose escalation to the leader in charge was queued (the digest marks them 已提级). */
export async function escalatedIssueIds(db: Db, issueIds: readonly number[]): Promise<Set<number>> {
  if (issueIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('outbox')
    .select('issue_id')
    .where('issue_id', 'in', issueIds)
    .where('dedupe_key', 'like', 'escalate:%')
    .execute()
  return new Set(rows.flatMap((r) => (r.issue_id === null ? [] : [r.issue_id])))
}
