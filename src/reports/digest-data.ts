import type { LocalDate } from '../calendar/local-date.ts'
import { LIST_LIMIT, OLDEST_ISSUES, SEVERE_OVERDUE_WORKING_DAYS, type DigestData } from '../domain/digest.ts'
import { ageIssues, overdueBefore, workingDayCounter } from '../domain/sla.ts'
import { escalatedIssueIds, fetchNamedOpenIssues, getDigestRecords, type Db } from '../store/index.ts'
import { listProjectOverview, type StatusQuery } from './status.ts'

export interface DigestQuery extends StatusQuery {
  /** The digest's day (`today`): reports are read from the previous working day up to today, as the lists are. */
  today: LocalDate
}

/**
 * A day's digest as data. Open issues are counted and named by SQLite (a province has tens of
 * thousands open and the digest names fifteen) against dates the SLA rules give: every project's
 * status with its issues counted, each team's counts, the severely overdue and the oldest; only
 * the issues named are aged here.
 */
export async function getDigestData(db: Db, query: DigestQuery): Promise<DigestData> {
  const days = workingDayCounter(query.calendar, query.today)
  const since = query.calendar.previousWorkingDay(query.today)
  // Up to today included: an on-demand /简报 at 15:00 lists the issues raised this morning as
  // 今天提出, so its 新增 must count them too (it said 新增 0 beside them).
  const until = query.today
  const { statuses, teams } = await listProjectOverview(db, query)
  const named = await fetchNamedOpenIssues(db, {
    severeBefore: overdueBefore(query.calendar, query.today, SEVERE_OVERDUE_WORKING_DAYS),
    limit: LIST_LIMIT,
    oldest: OLDEST_ISSUES,
  })
  const records = await getDigestRecords(db, { since, until })
  // Aged in the order the store chose them: the severe by due date, the oldest by opening.
  const severeMost = ageIssues(named.severe.most, days)
  return {
    day: query.today,
    since,
    until,
    projects: statuses,
    ...records,
    openByTeam: teams,
    severeOverdue: { total: named.severe.total, most: severeMost },
    oldest: ageIssues(named.oldest, days),
    escalated: [...(await escalatedIssueIds(db, severeMost.map((i) => i.id)))],
  }
}
