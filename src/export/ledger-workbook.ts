import type { Writable } from 'node:stream'
import type { LocalDate } from '../calendar/local-date.ts'
import { ledgerPeriod, tallyTeams } from '../domain/ledger-facts.ts'
import type { Rules } from '../domain/rules.ts'
import { workingDayCounter, type WorkingDayCounter } from '../domain/sla.ts'
import { listProjectStatuses } from '../reports/status.ts'
import { countIssuesByTeam, findPersonNames, inReadTransaction, streamLedgerIssues, streamLedgerProgress, type Db } from '../store/index.ts'
import { ledgerTitle, type LedgerCounts } from '../text/ledger-export.ts'
import { issuesSheet } from '../text/ledger-issues-sheet.ts'
import { PROGRESS_SHEET } from '../text/ledger-progress-sheet.ts'
import { projectsSheet } from '../text/ledger-projects-sheet.ts'
import { teamRows, teamsSheet } from '../text/ledger-teams-sheet.ts'
import { weeklySheet } from '../text/ledger-weekly-sheet.ts'
import { weekMonday } from '../domain/weekly.ts'
import { buildWeeklyFacts } from '../reports/weekly.ts'
import { XlsxBook } from './xlsx-book.ts'

export interface LedgerOptions {
  /** The ledger's day: issues are aged, lights set and the period counted as of it. */
  today: LocalDate
  /** The time of day the title row says ("15:20") when the ledger is today's; null for another day's. */
  time: string | null
  rules: Pick<Rules, 'calendar' | 'timeZone' | 'slowThresholds' | 'teams' | 'city'>
  /** Stops the write between rows. */
  signal?: AbortSignal
}

/**
 * Writes the 台账 workbook to `out`: 项目台账, 问题台账, 进度记录, 专班汇总, 周通报 (this week's
 * Monday's, of the week before), in that order. Read in
 * one transaction (the caller's, inside the bot), so the four sheets agree with each other even
 * while the bot records new messages. The project sheet and the counts come first and whole (a
 * city has thousands of projects); the issues and the progress records are streamed.
 */
export async function writeLedgerWorkbook(db: Db, out: Writable, o: LedgerOptions): Promise<LedgerCounts> {
  return inReadTransaction(db, async (trx) => {
    const { today, rules } = o
    const days = workingDayCounter(rules.calendar, today)
    const period = ledgerPeriod(today)
    const { statuses, tally } = await projectsAndTeams(trx, o, days, period)
    const reporters = await findPersonNames(trx, statuses.flatMap((s) => s.latestProgress?.reporterId ?? []))

    const book = new XlsxBook(out, o.signal)
    const title = (sheet: { name: string }) => ledgerTitle(rules.city, sheet.name, { day: today, time: o.time })
    const projects = statuses.map((status) => {
      const reporterId = status.latestProgress?.reporterId
      return { status, latestReporterName: reporterId ? (reporters.get(reporterId) ?? null) : null }
    })
    const projectSpec = projectsSheet(today)
    await book.sheet(projectSpec, projects, title(projectSpec))
    const issueSpec = issuesSheet(days, rules.teams)
    const issueCount = await book.sheet(issueSpec, streamLedgerIssues(trx), title(issueSpec))
    const progressCount = await book.sheet(PROGRESS_SHEET, streamLedgerProgress(trx), title(PROGRESS_SHEET))
    const teamSpec = teamsSheet(period)
    await book.sheet(teamSpec, teamRows(tally), title(teamSpec))
    const weekly = await buildWeeklyFacts(trx, weekMonday(today), rules)
    const weeklySpec = weeklySheet(weekly)
    await book.sheet(weeklySpec, weekly.teams, title(weeklySpec))
    await book.close()
    return { projects: statuses.length, issues: issueCount, open: tally.total.open, overdue: tally.total.overdue, progress: progressCount }
  })
}

/** Every project's status and the teams' counts; the open issues they are counted from are let go here. */
async function projectsAndTeams(db: Db, o: LedgerOptions, days: WorkingDayCounter, period: { since: LocalDate; until: LocalDate }) {
  const { today, rules } = o
  const { statuses, openIssues } = await listProjectStatuses(
    db,
    { today, calendar: rules.calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds },
    days,
  )
  return { statuses, tally: tallyTeams(openIssues, await countIssuesByTeam(db, period.since, period.until), rules.teams) }
}
