import { blockerJob, digestJob, reminderJob, weeklyJob } from './definitions.ts'
import type { JobDefinition } from './job-types.ts'

/** Every scheduled job: the progress reminder, the morning list of open issues, the leaders' digest, the Monday 通报. */
export const jobs: readonly JobDefinition[] = [reminderJob, blockerJob, digestJob, weeklyJob]

export { startJobs, type Jobs } from './start-jobs.ts'
export type { JobDefinition, JobSchedule } from './job-types.ts'
export { cronProblem } from './cron.ts'
export type { Directory } from './directory.ts'
export { watchHolidayFile, HOLIDAY_FILE_POLL_MS, type HolidayReload } from './holiday-reload.ts'
