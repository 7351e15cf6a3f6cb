import type { LocalDate } from '../calendar/local-date.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import { literalLimit } from './literal-limit.ts'
import { toIssue } from './mappers.ts'
import type { Category } from '../parse/types.ts'
import type { DigestOpenIssueFacts, IssueStatus, OpenIssueRecord, Person } from '../domain/types.ts'

/**
 * Open (and reopened) issues, one project's or every active project's, as stored: the caller ages
 * and sorts them (domain/sla.ts ageOpenIssues).
 */
export async function listOpenIssueRecords(db: Db, projectId?: number): Promise<OpenIssueRecord[]> {
  let q = db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .leftJoin('people as reporter', 'reporter.id', 'issues.reporter_id')
    .leftJoin('people as assignee', 'assignee.id', 'issues.assignee_id')
    .selectAll('issues')
    .select([
      'projects.name as project_name',
      'reporter.wechat_id as reporter_wechat_id',
      'reporter.name as reporter_name',
      'assignee.wechat_id as assignee_wechat_id',
      'assignee.name as assignee_name',
    ])
    .where('issues.status', 'in', OPEN_STATUSES)
    .where('issues.retracted_at', 'is', null)
  if (projectId !== undefined) q = q.where('issues.project_id', '=', projectId)
  const rows = await q.execute()
  const person = (id: number | null, wechatId: string | null, name: string | null): Person | null =>
    id !== null && wechatId !== null && name !== null ? { id, wechatId, name } : null
  return rows.map((row) => ({
    ...toIssue(row),
    projectName: row.project_name,
    reporter: person(row.reporter_id, row.reporter_wechat_id, row.reporter_name),
    assignee: person(row.assignee_id, row.assignee_wechat_id, row.assignee_name),
  }))
}

/**
 * Open issues of the projects named in `projectNames` (the active ones), as stored. Built as one
 * flat object per issue: the ledger export makes 10,000s of them.
 */
export async function listOpenIssueFacts(db: Db, projectNames: ReadonlyMap<number, string>): Promise<DigestOpenIssueFacts[]> {
  const rows = await openBriefs(db).execute()
  const briefs: DigestOpenIssueFacts[] = []
  for (const r of rows) {
    const projectName = projectNames.get(r.project_id)
    if (projectName !== undefined) briefs.push(toFacts(r, projectName))
  }
  return briefs
}

/** The open issues the digest names: how many are due before `severeBefore` (a date the caller
 *  computed: domain/sla.ts overdueBefore) and the `limit` of them due first, and the `oldest`
 *  opened first of the others. Read by SQLite's indexes, never the whole list: a province has
 *  tens of thousands open. */
export async function fetchNamedOpenIssues(
  db: Db,
  o: { severeBefore: LocalDate; limit: number; oldest: number },
): Promise<{ severe: { total: number; most: DigestOpenIssueFacts[] }; oldest: DigestOpenIssueFacts[] }> {
  const named = (rows: (BriefRow & { project_name: string })[]) => rows.map((r) => toFacts(r, r.project_name))
  const open = () => db.selectFrom('issues').where('status', 'in', OPEN_STATUSES).where('retracted_at', 'is', null)
  const severe = () => open().where('due_on', '<', o.severeBefore)
  const total = await severe()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  // The ids are chosen from the index alone (issues_open_counts); only the rows named are read.
  const most = await namedBriefs(db, await severe().select('id').orderBy('due_on').orderBy('opened_on').orderBy('id').limit(literalLimit(o.limit)).execute())
  const others = open().where((eb) => eb.or([eb('due_on', 'is', null), eb('due_on', '>=', o.severeBefore)]))
  const oldest = await namedBriefs(db, await others.select('id').orderBy('opened_on').orderBy('id').limit(literalLimit(o.oldest)).execute())
  return { severe: { total: Number(total.n), most: named(most) }, oldest: named(oldest) }
}

/** The briefs of the issues chosen, in the order chosen. */
async function namedBriefs(db: Db, chosen: { id: number }[]) {
  if (chosen.length === 0) return []
  const rows = await openBriefs(db)
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .select('projects.name as project_name')
    .where(
      'issues.id',
      'in',
      chosen.map((c) => c.id),
    )
    .execute()
  return chosen.flatMap((c) => rows.filter((r) => r.id === c.id))
}

const openBriefs = (db: Db) =>
  db
    .selectFrom('issues')
    .select([
      'issues.id',
      'issues.project_id',
      'issues.number',
      'issues.category',
      'issues.summary',
      'issues.status',
      'issues.opened_on',
      'issues.due_on',
      'issues.assignee_id',
    ])
    .where('issues.status', 'in', OPEN_STATUSES)
    .where('issues.retracted_at', 'is', null)

type BriefRow = Awaited<ReturnType<ReturnType<typeof openBriefs>['execute']>>[number]

function toFacts(r: BriefRow, projectName: string): DigestOpenIssueFacts {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName,
    number: r.number,
    category: r.category as Category,
    summary: r.summary,
    status: r.status as IssueStatus,
    openedOn: r.opened_on,
    dueOn: r.due_on,
    assigneeId: r.assignee_id,
  }
}
