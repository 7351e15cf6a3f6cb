import type { LocalDate } from '../calendar/local-date.ts'
import { LIST_LIMIT, OLDEST_ISSUES, SEVERE_OVERDUE_WORKING_DAYS, type DigestData } from '../domain/digest.ts'
import { overdueBefore, workingDayCounter } from '../domain/sla.ts'
import type { Db } from './database.ts'
import { toIssue, toProgress } from './mappers.ts'
import { fetchNamedOpenIssues } from './open-issues.query.ts'
import { listProjectOverview, type StatusQuery } from './status.query.ts'
import { escalatedIssueIds } from './leaders.repository.ts'
import { listReportedStages } from './stages.repository.ts'

export interface DigestQuery extends StatusQuery {
  /** The digest's day (`today`): reports are read from the previous working day up to today, as the lists are. */
  today: LocalDate
}

/**
 * A day's digest as data. Open issues are counted and named by SQLite (a province has tens of
 * thousands open and the digest names fifteen): every project's status with its issues counted,
 * each team's counts, the severely overdue and the oldest.
 */
export async function getDigestData(db: Db, query: DigestQuery): Promise<DigestData> {
  const days = workingDayCounter(query.calendar, query.today)
  const since = query.calendar.previousWorkingDay(query.today)
  // Up to today included: an on-demand /简报 at 15:00 lists the issues raised this morning as
  // 今天提出, so its 新增 must count them too (it said 新增 0 beside them).
  const until = query.today
  const { statuses, teams } = await listProjectOverview(db, query)
  const named = await fetchNamedOpenIssues(db, days, {
    severeBefore: overdueBefore(query.calendar, query.today, SEVERE_OVERDUE_WORKING_DAYS),
    limit: LIST_LIMIT,
    oldest: OLDEST_ISSUES,
  })

  const progressRows = await db
    .selectFrom('progress_updates')
    .innerJoin('projects', 'projects.id', 'progress_updates.project_id')
    .leftJoin('people', 'people.id', 'progress_updates.reporter_id')
    .selectAll('progress_updates')
    .select(['projects.name as project_name', 'people.name as reporter_name'])
    .where('progress_updates.recorded_on', '>=', since)
    .where('progress_updates.recorded_on', '<=', until)
    .where('progress_updates.retracted_at', 'is', null)
    .orderBy('progress_updates.recorded_at')
    .execute()

  const issuesIn = (column: 'opened_on' | 'resolved_on') =>
    db
      .selectFrom('issues')
      .innerJoin('projects', 'projects.id', 'issues.project_id')
      .selectAll('issues')
      .select('projects.name as project_name')
      .where(`issues.${column}`, '>=', since)
      .where(`issues.${column}`, '<=', until)
      .where('issues.retracted_at', 'is', null)
      .orderBy(`issues.${column}`)
      .orderBy('issues.id')
      .execute()
  const opened = await issuesIn('opened_on')
  // A reopen clears resolved_on, so an issue resolved and reopened in the window is not listed.
  const resolved = await issuesIn('resolved_on')

  return {
    day: query.today,
    since,
    until,
    projects: statuses,
    progress: progressRows.map((r) => ({ ...toProgress(r), projectName: r.project_name, reporterName: r.reporter_name })),
    opened: opened.map((r) => ({ ...toIssue(r), projectName: r.project_name })),
    resolved: resolved.map((r) => ({ ...toIssue(r), projectName: r.project_name })),
    openByTeam: teams,
    severeOverdue: named.severe,
    oldest: named.oldest,
    stageReports: await listReportedStages(db),
    escalated: [...(await escalatedIssueIds(db, named.severe.most.map((i) => i.id)))],
  }
}
