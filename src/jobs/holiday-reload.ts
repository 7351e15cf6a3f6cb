import { statSync } from 'node:fs'
import { officialYears } from '../calendar/load-calendar.ts'
import { makeDate } from '../calendar/local-date.ts'
import { WorkingCalendar, type HolidayYear } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import { recomputedDueDate } from '../domain/sla.ts'
import type { Logger } from '../log.ts'
import { listOpenIssueDues, recomputeIssueDue, type Db } from '../store/index.ts'

export interface HolidayReloadDeps {
  /** HOLIDAYS_FILE. */
  path: string
  /** The calendar every part of the running bot reads (rules.calendar): changed in place. */
  calendar: WorkingCalendar
  db: Db
  clock: Clock
  log: Logger
  slaWorkingDays: number
}

export interface HolidayReload {
  /** Reads the file now; what became official, and how many due dates moved. */
  check(): Promise<{ official: number[]; recomputed: number }>
  stop(): void
}

/** How often the file's modification time is looked at: an import shows within seconds. */
export const HOLIDAY_FILE_POLL_MS = 5_000

/**
 * Keeps the running bot's calendar equal to the package's data and HOLIDAYS_FILE: when
 * `npm run holidays -- import` (or an editor) changes the file, the calendar takes it at once, a
 * year that was provisional stops being so, and the open issues whose due date was counted over
 * it are counted again, each with a `due-recomputed` event. Polled by its stat (time, size, inode),
 * which sees a file replaced by rename, created, removed, or on a network drive, where fs.watch
 * may not. A broken file is logged and the calendar kept as it was.
 */
export function watchHolidayFile(deps: HolidayReloadDeps, pollMs = HOLIDAY_FILE_POLL_MS): HolidayReload {
  // Stamped before it is read: a change in between is seen at the first poll.
  let seen = stamp(deps.path)
  let current = officialYears(deps.path)
  let lastProblem: string | null = null
  let running: Promise<unknown> = Promise.resolve()

  async function reload(): Promise<{ official: number[]; recomputed: number }> {
    let next: Map<number, HolidayYear>
    try {
      next = officialYears(deps.path)
    } catch (error) {
      const problem = (error as Error).message
      if (problem !== lastProblem) deps.log.error(`${problem}；日历仍按改动前的数据计算，改正文件后自动生效`)
      lastProblem = problem
      return { official: [], recomputed: 0 }
    }
    lastProblem = null
    if (sameYears(current, next)) return { official: [], recomputed: 0 }
    const before = new WorkingCalendar(current)
    deps.calendar.replaceYears(next)
    current = next
    const official = [...next.keys()].filter((y) => before.isProvisional(y)).sort((a, b) => a - b)
    deps.log.info(`节假日文件 ${deps.path} 已更新，日历已改用新数据${official.length > 0 ? `：${official.join('、')} 年不再暂定` : ''}`)
    if (official.length === 0) return { official, recomputed: 0 }
    let recomputed = 0
    const at = deps.clock.now()
    for (const issue of await listOpenIssueDues(deps.db, makeDate(official[0]!, 1, 1))) {
      const due = recomputedDueDate(before, deps.calendar, issue.openedOn, issue.dueOn, deps.slaWorkingDays)
      if (due !== null && (await recomputeIssueDue(deps.db, issue, due, at))) recomputed++
    }
    deps.log.info(`按 ${official.join('、')} 年的放假安排重算了 ${recomputed} 个未办结问题的到期日`)
    return { official, recomputed }
  }

  // One at a time: a second change while one is being taken waits for it.
  const check = () => {
    const done = running.then(reload)
    running = done.catch(() => {})
    return done
  }
  const onChange = () => {
    check().catch((error: unknown) => deps.log.error(`读取节假日文件 ${deps.path} 出错：${(error as Error).message}`))
  }
  const timer = setInterval(() => {
    const now = stamp(deps.path)
    if (now === seen) return
    seen = now
    onChange()
  }, pollMs)
  timer.unref()
  return { check, stop: () => clearInterval(timer) }
}

/** What changes when the file is written: "none" when there is no file. */
function stamp(path: string): string {
  const s = statSync(path, { throwIfNoEntry: false })
  return s ? `${s.mtimeMs}:${s.size}:${s.ino}` : 'none'
}

function sameYears(a: ReadonlyMap<number, HolidayYear>, b: ReadonlyMap<number, HolidayYear>): boolean {
  if (a.size !== b.size) return false
  for (const [year, days] of a) {
    const other = b.get(year)
    if (!other || !sameList(days.holidays, other.holidays) || !sameList(days.workdays, other.workdays)) return false
  }
  return true
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d, k) => d === b[k])
}
