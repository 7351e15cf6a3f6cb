import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { SlowThresholds } from './slow-projects.ts'
import type { Teams } from './teams.ts'

/**
 * CONFIRM: which records a group hears back about. `all`: every one; `issues`: issues, follow-ups,
 * closes and stages, progress only beside them; `none`: closes and questions only, as in a group
 * that said /静音 开.
 */
export type ConfirmMode = 'all' | 'issues' | 'none'

/**
 * The city's rules, read from its settings once at start: one object that the router, the
 * commands, the jobs and the command-line tools all read as it is, so that no part can drift from
 * another (a copy reshaped for one part is how `/status` once ignored SLOW_*_MONTHS).
 */
export interface Rules {
  /** BOT_TIMEZONE: every date and schedule is read in it. */
  timeZone: string
  /** The official working-day calendar (holidays and make-up days), with the local override file. */
  calendar: WorkingCalendar
  /** ISSUE_SLA_WORKING_DAYS: working days to solve an issue without a stated deadline. */
  slaWorkingDays: number
  /** SLOW_*_MONTHS. */
  slowThresholds: SlowThresholds
  /** The eight special work teams (专班) with their names and liaisons (TEAMS_FILE). */
  teams: Teams
  /** BOT_ADMINS: WeChat names or contact ids allowed to run admin commands. */
  admins: readonly string[]
  /** PROJECT_ROOM_PATTERN: a group whose topic matches is bound as a project; group 1 is its name. */
  projectRoomPattern: RegExp
  /** DIGEST_RECIPIENTS: contact names (or ids) and group topics the leaders' digest goes to. */
  digestRecipients: readonly string[]
  /** CITY_NAME: what the printed 台账 and the 通报 are titled with ("某某市督办台账"); '' for none. */
  city: string
  /** REMINDER_AFTER_WORKING_DAYS. */
  reminderAfterWorkingDays: number
  /** CONFIRM. */
  confirm: ConfirmMode
}

/** Whether a WeChat contact may run admin commands: listed in BOT_ADMINS by id or by name. */
export function isAdmin(rules: Pick<Rules, 'admins'>, person: { id: string; name: string }): boolean {
  return rules.admins.includes(person.id) || rules.admins.includes(person.name)
}
