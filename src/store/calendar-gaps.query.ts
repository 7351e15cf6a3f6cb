import type { LocalDate } from '../calendar/local-date.ts'
import type { DueYearCounts } from '../domain/calendar-gaps.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import type { Db } from './database.ts'

/**
 * The open issues due from today on, counted by the year due (a province has tens of thousands
 * open): those due in a provisional year have a 暂定 due date. SQL counts them by day, a few
 * hundred days at most; the days are summed into years here.
 */
export async function countOpenIssuesByDueYear(db: Db, today: LocalDate): Promise<DueYearCounts> {
  const days = await db
    .selectFrom('issues')
    .where('status', 'in', OPEN_STATUSES)
    .where('retracted_at', 'is', null)
    .where('due_on', '>=', today)
    .select(['due_on as day', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('due_on')
    .execute()
  return byYear(days).map(([dueYear, count]) => ({ dueYear, count }))
}

/** Counts by day ('2026-12-31') summed by year, in the order the years first appear. */
function byYear(days: { day: string | null; count: number | string | bigint }[]): [number, number][] {
  const years = new Map<number, number>()
  for (const { day, count } of days) {
    if (day === null) continue
    const year = Number(day.slice(0, 4))
    years.set(year, (years.get(year) ?? 0) + Number(count))
  }
  return [...years]
}
