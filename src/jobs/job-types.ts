import type { LocalDate } from '../calendar/local-date.ts'
import type { Clock } from '../clock.ts'
import type { Rules } from '../domain/rules.ts'
import type { Logger } from '../log.ts'
import type { Db } from '../store/index.ts'
import type { Directory, Recipient } from './directory.ts'

export type JobName = 'reminder' | 'blockers' | 'digest' | 'weekly'

/** How the log names each job to a deployer, as the README does. */
export const JOB_NAMES: Record<JobName, string> = { reminder: '进度提醒', blockers: '问题督办', digest: '领导简报', weekly: '周通报' }

/** When each job runs: node-cron expressions in the rules' timezone (REMINDER_CRON, …, WEEKLY_CRON). */
export type JobSchedule = Record<JobName, string>

export interface JobDeps {
  db: Db
  clock: Clock
  rules: Rules
  schedule: JobSchedule
  log: Logger
  directory: Directory
  /** Tells the outbox sender that texts are waiting. */
  wake(): void
}

/** One text a job wants sent. */
export interface JobText {
  recipient: Recipient
  text: string
  mentionIds: string[]
  /** Sent once ever under this key, not once a day (an escalation); and the issue it is about. */
  once?: { dedupeKey: string; issueId: number }
}

/**
 * Thrown by a job that cannot run yet although it should: no digest recipient is known to WeChat
 * right after login, while the contact list is still loading. The day's run stays unclaimed and is
 * tried again a little later.
 */
export class JobNotReadyError extends Error {
  override name = 'JobNotReadyError'
}

export interface JobDefinition {
  name: JobName
  /** The day's texts; empty when there is nothing to say (then nothing is sent). */
  texts(deps: JobDeps, today: LocalDate): Promise<JobText[]>
  /** The digest still goes out when the calendar lacks the year, to say so; the others stay silent. */
  speaksWhenCalendarMissing: boolean
}
