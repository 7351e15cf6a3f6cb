import { addDays, dateInZone } from '../calendar/local-date.ts'
import { firstFireOn } from './cron.ts'
import type { JobDefinition, JobDeps } from './job-types.ts'
import { runJobToday } from './run-job.ts'

/** One time a job's schedule names: when, and which job. */
export interface Firing {
  at: Date
  job: JobDefinition
}

/**
 * Each day's firing of every job after `from` and up to `to`, in time order: from Monday 10:00 to
 * Wednesday 09:00 with the reminder at 17:00 and the digest at 08:30, Monday's reminder, Tuesday's
 * digest and reminder, Wednesday's digest.
 */
export function firingsBetween(deps: Pick<JobDeps, 'schedule' | 'rules'>, jobs: readonly JobDefinition[], from: Date, to: Date): Firing[] {
  const { timeZone } = deps.rules
  const firings: Firing[] = []
  const last = dateInZone(to, timeZone)
  for (let day = dateInZone(from, timeZone); day <= last; day = addDays(day, 1)) {
    for (const job of jobs) {
      const at = firstFireOn(deps.schedule[job.name], day, timeZone)
      if (at && at > from && at <= to) firings.push({ at, job })
    }
  }
  return firings.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/**
 * The console's clock moved from `from` to `to`: every job runs as it would have at each of its
 * times in between (the clock set to that time by `setClock` first), so that a week can be tried
 * in a minute. Working days, holidays and once-a-day hold as they do for the scheduled runs.
 * Resolves to how many runs there were.
 */
export async function runJobsBetween(
  deps: JobDeps,
  jobs: readonly JobDefinition[],
  from: Date,
  to: Date,
  setClock: (at: Date) => void,
  /** After each run: the console waits for its texts to go out, so a week reads in the order it happened. */
  afterRun: () => Promise<void> = async () => undefined,
): Promise<number> {
  let ran = 0
  for (const { at, job } of firingsBetween(deps, jobs, from, to)) {
    setClock(at)
    // A weekend, a holiday or a day already run is skipped, as on schedule.
    if ((await runJobToday(deps, job)).ran) ran++
    await afterRun()
  }
  setClock(to)
  return ran
}
