import { dateInZone } from '../calendar/local-date.ts'
import { firstFireOn, scheduleCron, type CronHandle } from './cron.ts'
import { JOB_NAMES, type JobDefinition, type JobDeps, type JobName } from './job-types.ts'
import { runJobToday, type JobOutcome } from './run-job.ts'

export interface Jobs {
  /** Stops the schedules and waits for a run in progress to finish. */
  stop(): Promise<void>
}

/** A job that was not ready (see JobNotReadyError) or failed is tried again this often, this many times a day. */
export const RETRY = { everyMs: 60_000, times: 30 }

/**
 * Schedules the jobs, and runs at once any of them whose time today has passed without a recorded
 * run (the bot was down then). Call after the bot is logged in.
 */
export function startJobs(deps: JobDeps, jobs: readonly JobDefinition[], retry = RETRY): Jobs {
  const running = new Map<JobName, Promise<void>>()
  const retries = new Map<JobName, { day: string; count: number; timer: NodeJS.Timeout }>()
  const retryLater = (job: JobDefinition, day: string) => {
    const state = retries.get(job.name)
    const count = state?.day === day ? state.count + 1 : 1
    // One retry pending at a time, however often the schedule itself fires meanwhile.
    clearTimeout(state?.timer)
    if (count > retry.times) return deps.log.error(`${JOB_NAMES[job.name]}：${day} 已重试 ${retry.times} 次仍不能运行，今天放弃`)
    const timer = setTimeout(() => void fire(job), retry.everyMs)
    timer.unref()
    retries.set(job.name, { day, count, timer })
  }
  const fire = (job: JobDefinition): Promise<void> => {
    // A firing while the same job is still working (a slow directory lookup) is skipped: the
    // run in progress already covers today.
    const current = running.get(job.name)
    if (current) return current
    const run = runJobToday(deps, job)
      .then((outcome) => {
        if (!outcome.ran && outcome.why === 'not-ready') retryLater(job, outcome.day)
        logSkip(deps, job, outcome)
      })
      .catch((error: unknown) => {
        // Nothing was claimed for the day (the claim and the texts share one transaction), so a
        // run that failed (WeChat offline at 08:30, a lost connection) is tried again later today.
        deps.log.error(`${JOB_NAMES[job.name]}出错，稍后重试：${(error as Error).stack ?? String(error)}`)
        retryLater(job, dateInZone(deps.clock.now(), deps.rules.timeZone))
      })
      .finally(() => running.delete(job.name))
    running.set(job.name, run)
    return run
  }

  const { timeZone } = deps.rules
  const handles: CronHandle[] = jobs.map((job) => scheduleCron(deps.schedule[job.name], timeZone, () => fire(job)))
  const now = deps.clock.now()
  const today = dateInZone(now, timeZone)
  for (const job of jobs) {
    const due = firstFireOn(deps.schedule[job.name], today, timeZone)
    if (due && due <= now) void fire(job)
  }
  return {
    async stop() {
      for (const h of handles) h.stop()
      for (const r of retries.values()) clearTimeout(r.timer)
      await Promise.all(running.values())
    },
  }
}

function logSkip(deps: JobDeps, job: JobDefinition, outcome: JobOutcome): void {
  // "already-ran" is the normal case for every firing after the first of a six-field schedule.
  if (!outcome.ran && (outcome.why === 'weekend' || outcome.why === 'holiday')) {
    deps.log.info(`${JOB_NAMES[job.name]}：${outcome.day} 是${outcome.why === 'weekend' ? '周末' : '法定节假日'}，不发送`)
  }
}
