import type { LocalDate } from '../calendar/local-date.ts'
import type { WeeklyIssue } from '../domain/weekly.ts'
import type { Category } from '../parse/types.ts'
import type { Db } from './database.ts'

/** The issues raised or closed from `since` to `until` (both included): the weekly 通报's week. */
export async function listWeekIssues(db: Db, week: { since: LocalDate; until: LocalDate }): Promise<WeeklyIssue[]> {
  const { since, until } = week
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
  return rows.map((r) => ({ category: r.category as Category, openedOn: r.opened_on, dueOn: r.due_on, resolvedOn: r.resolved_on }))
}
