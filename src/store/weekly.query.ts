import type { WeeklyData } from '../domain/weekly.ts'
import { weekBefore } from '../domain/weekly.ts'
import type { Category } from '../parse/types.ts'
import type { Db } from './database.ts'
import { listProjectOverview, type StatusQuery } from './status.query.ts'

/**
 * The weekly 通报's facts for `today` (a Monday): every project's status (stage dates, slow), the
 * open issues per team counted by SQLite, and the issues raised or closed in the week before.
 */
export async function getWeeklyData(db: Db, query: StatusQuery): Promise<WeeklyData> {
  const { since, until } = weekBefore(query.today)
  const { statuses, teams } = await listProjectOverview(db, query)
  const rows = await db
    .selectFrom('issues')
    .select(['category', 'opened_on', 'due_on', 'resolved_on'])
    .where('retracted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('opened_on', '>=', since), eb('opened_on', '<=', until)]),
        eb.and([eb('resolved_on', '>=', since), eb('resolved_on', '<=', until)]),
      ]),
    )
    .execute()
  return {
    day: query.today,
    since,
    until,
    issues: rows.map((r) => ({ category: r.category as Category, openedOn: r.opened_on, dueOn: r.due_on, resolvedOn: r.resolved_on })),
    openByTeam: teams,
    projects: statuses,
  }
}
