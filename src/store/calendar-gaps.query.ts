import type { LocalDate } from '../calendar/local-date.ts'
import { nearHorizon, type GapCounts } from '../domain/calendar-gaps.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'
import type { Db } from './database.ts'

/**
 * The open issues a missing calendar year can touch, counted (a province has tens of thousands
 * open): without a due date, by the year opened; due from today to three weeks on, by the year due.
 * SQL counts them by day, a few hundred days at most; the days are summed into years here.
 */
export async function countCalendarGapIssues(db: Db, today: LocalDate): Promise<GapCounts> {
  const open = db.selectFrom('issues').where('status', 'in', OPEN_STATUSES).where('retracted_at', 'is', null)
  const undated = await open
    .select(['opened_on as day', (eb) => eb.fn.countAll<number>().as('count')])
    .where('due_on', 'is', null)
    .groupBy('opened_on')
    .execute()
  const near = await open
    .select(['due_on as day', (eb) => eb.fn.countAll<number>().as('count')])
    .where('due_on', '>=', today)
    .where('due_on', '<=', nearHorizon(today))
    .groupBy('due_on')
    .execute()
  return {
    undated: byYear(undated).map(([year, count]) => ({ openedYear: year, count })),
    near: byYear(near).map(([year, count]) => ({ dueYear: year, count })),
  }
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
