import { sql } from 'kysely'
import type { LocalDate } from '../calendar/local-date.ts'
import type { DueYearCounts } from '../domain/calendar-gaps.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from './issues.repository.ts'

/**
 * The open issues due from today on, counted by the year due (a province has tens of thousands
 * open): those due in a provisional year have a 暂定 due date.
 */
export async function countOpenIssuesByDueYear(db: Db, today: LocalDate): Promise<DueYearCounts> {
  const rows = await db
    .selectFrom('issues')
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
    .where('due_on', '>=', today)
    .select([sql<string>`substr(due_on, 1, 4)`.as('year'), (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('year')
    .execute()
  return rows.map((r) => ({ dueYear: Number(r.year), count: Number(r.count) }))
}
