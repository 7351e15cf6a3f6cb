import type { LocalDate } from '../calendar/local-date.ts'

/** What the store needs to turn instants into dates and to date a new issue's deadline. */
export interface IssueSettings {
  /** The bot's timezone, e.g. 'Asia/Shanghai': the day a message was sent is read in it. */
  timeZone: string
  /** A new issue's due date from the day it was opened and the date it stated (domain/sla.ts `slaDueDate`). */
  dueDate: (openedOn: LocalDate, stated: LocalDate | null) => LocalDate | null
}
