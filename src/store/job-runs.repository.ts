import type { LocalDate } from '../calendar/local-date.ts'
import type { Db } from './database.ts'

export interface JobRun {
  job: string
  workingDay: LocalDate
  startedAt: Date
  finishedAt: Date | null
}

/**
 * Claims a job's run for a working day; false when it was already claimed. Call it in the same
 * transaction that enqueues the job's texts: either both are committed or neither, so a restart
 * neither repeats the day's sends nor loses them.
 */
export async function claimJobRun(db: Db, job: string, workingDay: LocalDate, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('job_runs')
    .values({ job, working_day: workingDay, started_at: at.toISOString(), finished_at: null })
    .onConflict((oc) => oc.columns(['job', 'working_day']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function finishJobRun(db: Db, job: string, workingDay: LocalDate, at: Date): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: at.toISOString() })
    .where('job', '=', job)
    .where('working_day', '=', workingDay)
    .execute()
}

export async function findJobRun(db: Db, job: string, workingDay: LocalDate): Promise<JobRun | null> {
  const row = await db
    .selectFrom('job_runs')
    .selectAll()
    .where('job', '=', job)
    .where('working_day', '=', workingDay)
    .executeTakeFirst()
  if (!row) return null
  return {
    job: row.job,
    workingDay: row.working_day,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  }
}

/**
 * The latest time the ledger has seen anything happen: a message received or a job run. The local
 * console starts its clock there when a run before moved it ahead, so its time never goes back.
 */
export async function latestActivityAt(db: Db): Promise<Date | null> {
  const message = await db.selectFrom('messages').select((e) => e.fn.max('received_at').as('at')).executeTakeFirst()
  const run = await db.selectFrom('job_runs').select((e) => e.fn.max('started_at').as('at')).executeTakeFirst()
  const latest = [message?.at, run?.at].filter((at): at is string => typeof at === 'string').sort().at(-1)
  return latest === undefined ? null : new Date(latest)
}
