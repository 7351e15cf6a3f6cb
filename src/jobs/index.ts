import { blockerJob, digestJob, reminderJob, weeklyJob } from './definitions.ts'
import type { JobDefinition } from './job-types.ts'

/** Every scheduled job: the progress reminder, the morning list of open issues, the leaders' digest, the Monday 通报. */
export const jobs: readonly JobDefinition[] = [reminderJob, blockerJob, digestJob, weeklyJob]

export { startJobs, type Jobs } from './start-jobs.ts'
export { runJobsBetween } from './catch-up.ts'
export type { JobDefinition, JobDeps, JobSchedule } from './job-types.ts'
export { cronProblem } from './cron.ts'
export type { Directory } from './directory.ts'
export { watchHolidayFile, HOLIDAY_FILE_POLL_MS, type HolidayReload } from './holiday-reload.ts'
