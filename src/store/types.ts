import type { WorkingCalendar } from '../calendar/working-calendar.ts'

/** What the store needs to turn instants into dates and dates into due dates. */
export interface DateSettings {
  calendar: WorkingCalendar
  /** The bot's timezone, e.g. 'Asia/Shanghai': the day a message was sent is read in it. */
  timeZone: string
}

export interface IssueSettings extends DateSettings {
  /** Working days to solve an issue (ISSUE_SLA_WORKING_DAYS, default 7). */
  slaWorkingDays: number
}
