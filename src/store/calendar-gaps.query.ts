import { sql } from 'kysely'
import type { LocalDate } from '../calendar/local-date.ts'
import { nearHorizon, type GapCounts } from '../domain/calendar-gaps.ts'
import type { Db } from './database.ts'
import { OPEN_STATUSES } from '../domain/issue-status.ts'

/**
 * The open issues a missing calendar year can touch, counted (a province has tens of thousands
 * open): without a due date, by the year opened; due from today to three weeks on, by the year due.
 */
export async function countCalendarGapIssues(db: Db, today: LocalDate): Promise<GapCounts> {
  const year = (column: 'opened_on' | 'due_on') => sql<string>`substr(${sql.ref(column)}, 1, 4)`
  const open = db.selectFrom('issues').where('status', 'in', OPEN_STATUSES).where('retracted_at', 'is', null)
  const undated = await open
    .select([year('opened_on').as('year'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('due_on', 'is', null)
    .groupBy('year')
    .execute()
  const near = await open
    .select([year('due_on').as('year'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('due_on', '>=', today)
    .where('due_on', '<=', nearHorizon(today))
    .groupBy('year')
    .execute()
  return {
    undated: undated.map((r) => ({ openedYear: Number(r.year), count: Number(r.count) })),
    near: near.map((r) => ({ dueYear: Number(r.year), count: Number(r.count) })),
  }
}
