import type { LocalDate } from '../calendar/local-date.ts'
import type { IssueLedgerRow, ProgressLedgerRow, TeamPeriodCount } from '../domain/ledger-facts.ts'
import type { IssueStatus } from '../domain/types.ts'
import type { Category, Stage } from '../parse/types.ts'
import type { Db } from './database.ts'

// The 台账 export's reads. The two long lists are streamed row by row (better-sqlite3 iterates the
// statement), so 100,000 issues never sit in memory at once; while a stream is open the connection
// is busy, so the export reads everything else before or after, never inside the loop.

/**
 * Every issue not taken back, project by project (in the order projects were created, as the
 * 项目台账 lists them) and by number, with the names of who raised, closed and holds it, and how
 * many follow-ups it had (issue events of kind 'followed-up').
 */
export async function* streamLedgerIssues(db: Db): AsyncGenerator<IssueLedgerRow> {
  const rows = db
    .selectFrom('issues')
    .innerJoin('projects', 'projects.id', 'issues.project_id')
    .leftJoin('people as reporter', 'reporter.id', 'issues.reporter_id')
    .leftJoin('people as resolver', 'resolver.id', 'issues.resolved_by_id')
    .leftJoin('people as assignee', 'assignee.id', 'issues.assignee_id')
    .select([
      'projects.name as project_name',
      'issues.number',
      'issues.category',
      'issues.summary',
      'issues.status',
      'reporter.name as reporter_name',
      'issues.opened_on',
      'issues.due_on',
      'issues.resolved_on',
      'resolver.name as resolver_name',
      'issues.resolution_text',
      'assignee.name as assignee_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('issue_events')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('issue_events.issue_id', '=', 'issues.id')
        .where('issue_events.kind', '=', 'followed-up')
        .as('follow_ups'),
    )
    .where('issues.retracted_at', 'is', null)
    .orderBy('issues.project_id')
    .orderBy('issues.number')
    .stream()
  for await (const r of rows) {
    yield {
      projectName: r.project_name,
      number: r.number,
      category: r.category as Category,
      summary: r.summary,
      status: r.status as IssueStatus,
      reporterName: r.reporter_name,
      openedOn: r.opened_on,
      dueOn: r.due_on,
      resolvedOn: r.resolved_on,
      resolvedByName: r.resolver_name,
      resolutionText: r.resolution_text,
      assigneeName: r.assignee_name,
      followUps: Number(r.follow_ups ?? 0),
    }
  }
}

/** Every progress record not taken back, project by project, oldest first. */
export async function* streamLedgerProgress(db: Db): AsyncGenerator<ProgressLedgerRow> {
  const rows = db
    .selectFrom('progress_updates')
    .innerJoin('projects', 'projects.id', 'progress_updates.project_id')
    .leftJoin('people', 'people.id', 'progress_updates.reporter_id')
    .select([
      'projects.name as project_name',
      'progress_updates.recorded_on',
      'people.name as reporter_name',
      'progress_updates.stage',
      'progress_updates.percent',
      'progress_updates.due_on',
      'progress_updates.summary',
    ])
    .where('progress_updates.retracted_at', 'is', null)
    .orderBy('progress_updates.project_id')
    .orderBy('progress_updates.recorded_at')
    .orderBy('progress_updates.id')
    .stream()
  for await (const r of rows) {
    yield {
      projectName: r.project_name,
      recordedOn: r.recorded_on,
      reporterName: r.reporter_name,
      stage: r.stage as Stage | null,
      percent: r.percent,
      dueOn: r.due_on,
      summary: r.summary,
    }
  }
}

/**
 * Per team, issues raised and issues closed from `since` to `until` (both included), none taken
 * back. A reopen clears an issue's resolved day, so one closed and reopened in the period is not
 * counted as closed. Two counts, each on its own date index.
 */
export async function countIssuesByTeam(db: Db, since: LocalDate, until: LocalDate): Promise<TeamPeriodCount[]> {
  const countBy = (column: 'opened_on' | 'resolved_on') =>
    db
      .selectFrom('issues')
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, '>=', since)
      .where(column, '<=', until)
      .where('retracted_at', 'is', null)
      .groupBy('category')
      .execute()
  const counts = new Map<Category, TeamPeriodCount>()
  const line = (category: string) => {
    let c = counts.get(category as Category)
    if (!c) counts.set(category as Category, (c = { category: category as Category, opened: 0, resolved: 0 }))
    return c
  }
  for (const r of await countBy('opened_on')) line(r.category).opened = Number(r.n)
  for (const r of await countBy('resolved_on')) line(r.category).resolved = Number(r.n)
  return [...counts.values()]
}
