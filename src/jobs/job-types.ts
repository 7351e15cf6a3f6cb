import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../bot/logger.ts'
import type { SlowThresholds } from '../domain/slow-projects.ts'
import type { Teams } from '../domain/teams.ts'
import type { Db } from '../store/index.ts'
import type { Directory, Recipient } from './directory.ts'

export type JobName = 'reminder' | 'blockers' | 'digest'

export interface JobSettings {
  timeZone: string
  reminderCron: string
  blockerCron: string
  digestCron: string
  /** A group is reminded when it has no progress in this many working days, today included. */
  reminderAfterWorkingDays: number
  /** DIGEST_RECIPIENTS: contact names (or ids) and group topics. */
  digestRecipients: string[]
  thresholds: SlowThresholds
  teams: Teams
}

export interface JobDeps {
  db: Db
  clock: Clock
  calendar: WorkingCalendar
  log: Logger
  directory: Directory
  settings: JobSettings
  /** Tells the outbox sender that texts are waiting. */
  wake(): void
}

/** One text a job wants sent. */
export interface JobText {
  recipient: Recipient
  text: string
  mentionIds: string[]
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
  cron(settings: JobSettings): string
  /** The day's texts; empty when there is nothing to say (then nothing is sent). */
  texts(deps: JobDeps, today: LocalDate): Promise<JobText[]>
  /** The digest still goes out when the calendar lacks the year, to say so; the others stay silent. */
  speaksWhenCalendarMissing: boolean
}
