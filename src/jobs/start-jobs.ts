import { dateInZone } from '../calendar/local-date.ts'
import { firstFireOn, scheduleCron, type CronHandle } from './cron.ts'
import { JOBS } from './definitions.ts'
import type { JobDefinition, JobDeps, JobName } from './job-types.ts'
import { runJobToday, type JobOutcome } from './run-job.ts'

export interface Jobs {
  /** Stops the schedules and waits for a run in progress to finish. */
  stop(): Promise<void>
}

/**
 * Schedules the reminder, the blocker summary and the digest, and runs at once any of them whose
 * time today has passed without a recorded run (the bot was down then). Call after the bot is ready.
 */
export function startJobs(deps: JobDeps): Jobs {
  const running = new Map<JobName, Promise<void>>()
  const fire = (job: JobDefinition): Promise<void> => {
    // A firing while the same job is still working (a slow directory lookup) is skipped: the
    // run in progress already covers today.
    const current = running.get(job.name)
    if (current) return current
    const run = runJobToday(deps, job)
      .then((outcome) => logSkip(deps, job, outcome))
      .catch((error: unknown) => deps.log.error(`${job.name}: failed: ${(error as Error).stack ?? String(error)}`))
      .finally(() => running.delete(job.name))
    running.set(job.name, run)
    return run
  }

  const handles: CronHandle[] = JOBS.map((job) => scheduleCron(job.cron(deps.settings), deps.settings.timeZone, () => fire(job)))
  const now = deps.clock.now()
  const today = dateInZone(now, deps.settings.timeZone)
  for (const job of JOBS) {
    const due = firstFireOn(job.cron(deps.settings), today, deps.settings.timeZone)
    if (due && due <= now) void fire(job)
  }
  return {
    async stop() {
      for (const h of handles) h.stop()
      await Promise.all(running.values())
    },
  }
}

function logSkip(deps: JobDeps, job: JobDefinition, outcome: JobOutcome): void {
  // "already-ran" is the normal case for every firing after the first of a six-field schedule.
  if (!outcome.ran && (outcome.why === 'weekend' || outcome.why === 'holiday')) {
    deps.log.info(`${job.name}: ${outcome.day} is a ${outcome.why}; nothing sent`)
  }
}
