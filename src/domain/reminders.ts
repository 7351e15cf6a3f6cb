import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { currentStage, type StageDates } from './slow-projects.ts'

/** How many of the latest progress reporters a reminder @mentions. */
export const REMINDER_MENTIONS = 3

export interface Contact {
  /** WeChat contact id. */
  id: string
  name: string
}

/** A project group as the reminder job sees it. */
export interface ReminderCandidate {
  projectId: number
  projectName: string
  /** The bound group; null when the project has no group (nothing to remind). */
  roomId: string | null
  muted: boolean
  /** The days each stage was reached (the current stage is the furthest: slow-projects.ts currentStage). */
  stages: StageDates
  /** The day of the latest progress record (not taken back); null when there was none. */
  lastProgressOn: LocalDate | null
  /** Who reported progress here, most recent first. */
  recentReporters: Contact[]
}

export interface Reminder {
  projectId: number
  roomId: string
  mentionIds: string[]
  /** The day of the group's latest progress, for the text to say; null when there was none. */
  lastProgressOn: LocalDate | null
}

/**
 * The first day of the window a group must have reported in: today for 1 working day, the
 * previous working day as well for 2, and so on. `today` is a working day (the job checks).
 */
export function reminderWindowStart(calendar: WorkingCalendar, today: LocalDate, afterWorkingDays: number): LocalDate {
  let start = today
  for (let i = 1; i < afterWorkingDays; i++) start = calendar.previousWorkingDay(start)
  return start
}

/**
 * The groups to remind: bound, not muted, not yet in production (投产: nothing left to
 * push), and with no progress record since the window's start. A record on a weekend inside the
 * window counts: the point is that someone reported, not on which day.
 */
export function selectReminders(input: {
  candidates: readonly ReminderCandidate[]
  today: LocalDate
  calendar: WorkingCalendar
  afterWorkingDays: number
}): Reminder[] {
  const start = reminderWindowStart(input.calendar, input.today, input.afterWorkingDays)
  const reminders: Reminder[] = []
  for (const c of input.candidates) {
    if (c.roomId === null || c.muted || currentStage(c.stages)?.stage === 'production') continue
    if (c.lastProgressOn !== null && c.lastProgressOn >= start) continue
    reminders.push({
      projectId: c.projectId,
      roomId: c.roomId,
      mentionIds: c.recentReporters.slice(0, REMINDER_MENTIONS).map((p) => p.id),
      lastProgressOn: c.lastProgressOn,
    })
  }
  return reminders
}
