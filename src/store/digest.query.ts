import type { LocalDate } from '../calendar/local-date.ts'
import type { DigestData } from '../domain/digest.ts'
import type { Db } from './database.ts'
import { toIssue, toProgress } from './mappers.ts'
import { listReportedStages } from './stages.repository.ts'

/** What a digest reports of its window besides the open issues (src/reports composes the rest). */
export type DigestRecords = Pick<DigestData, 'progress' | 'opened' | 'resolved' | 'stageReports'>

/**
 * The progress recorded and the issues opened and resolved from `since` to `until` (both
 * included), and the stages members reported: the window's dates are the caller's (the calendar's).
 */
export async function getDigestRecords(db: Db, window: { since: LocalDate; until: LocalDate }): Promise<DigestRecords> {
  const { since, until } = window
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
    progress: progressRows.map((r) => ({ ...toProgress(r), projectName: r.project_name, reporterName: r.reporter_name })),
    opened: opened.map((r) => ({ ...toIssue(r), projectName: r.project_name })),
    resolved: resolved.map((r) => ({ ...toIssue(r), projectName: r.project_name })),
    stageReports: await listReportedStages(db),
  }
}
