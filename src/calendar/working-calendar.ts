import { addDays, isoWeekday, parts, type LocalDate } from './local-date.ts'
import { canComputeStatutoryYear, statutoryHolidays } from './statutory-holidays.ts'

/** One year of the official calendar: the days off and the make-up working days (调休上班). */
export interface HolidayYear {
  holidays: LocalDate[]
  workdays: LocalDate[]
}

/**
 * Thrown when a date falls in a year the calendar has neither official data for nor can compute a
 * provisional year for (before 2000 or past the lunar table, 2099): guessing "Monday to Friday"
 * would put due dates on holidays.
 */
export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`没有 ${year} 年的法定节假日数据：请在 data/holidays.json 中补充该年的放假与调休安排（见 README）`)
    this.name = 'CalendarYearMissingError'
  }
}

/**
 * The PRC working-day calendar. Official years come from the State Council's notices (the bundled
 * package and the holidays file); a year without one is provisional (2027 until its notice is
 * imported; in practice always a coming year): its statutory days
 * (statutory-holidays.ts) are off, weekends are off, and there are no make-up working days, which
 * only a notice can announce. Callers ask `touchesProvisional` to mark a figure 暂定.
 *
 * Read-only but for `replaceYears`, which swaps in a newly imported year while the bot runs: every
 * holder of the calendar sees it at once.
 */
export class WorkingCalendar {
  #holidays = new Set<LocalDate>()
  #workdays = new Set<LocalDate>()
  #years: ReadonlySet<number> = new Set()
  /** Provisional years' days off, computed on first use. */
  readonly #provisional = new Map<number, ReadonlySet<LocalDate>>()

  constructor(years: ReadonlyMap<number, HolidayYear>) {
    this.replaceYears(years)
  }

  /** Makes `years` the official data, dropping what was there: a year just imported stops being provisional. */
  replaceYears(years: ReadonlyMap<number, HolidayYear>): void {
    const holidays = new Set<LocalDate>()
    const workdays = new Set<LocalDate>()
    for (const data of years.values()) {
      for (const d of data.holidays) holidays.add(d)
      for (const d of data.workdays) workdays.add(d)
    }
    this.#holidays = holidays
    this.#workdays = workdays
    this.#years = new Set(years.keys())
  }

  /** The years with official data. */
  get years(): number[] {
    return [...this.#years].sort((a, b) => a - b)
  }

  /** Whether `year` has official data (a notice); a provisional year has not. */
  hasYear(year: number): boolean {
    return this.#years.has(year)
  }

  /** A year without a notice whose statutory days can be computed: 2027 until its notice is imported. */
  isProvisional(year: number): boolean {
    return !this.#years.has(year) && canComputeStatutoryYear(year)
  }

  /** The provisional years from `from`'s year to `to`'s (in either order): the figures between them are 暂定. */
  provisionalYearsBetween(from: LocalDate, to: LocalDate): number[] {
    const [a, b] = [parts(from).year, parts(to).year].sort((x, y) => x - y) as [number, number]
    const years: number[] = []
    for (let year = a; year <= b; year++) if (this.isProvisional(year)) years.push(year)
    return years
  }

  /** Whether a figure counted over the days from `from` to `to` used a provisional day. */
  touchesProvisional(from: LocalDate, to: LocalDate): boolean {
    return this.provisionalYearsBetween(from, to).length > 0
  }

  #provisionalDaysOff(year: number): ReadonlySet<LocalDate> {
    let days = this.#provisional.get(year)
    if (!days) this.#provisional.set(year, (days = new Set(statutoryHolidays(year).map((d) => d.date))))
    return days
  }

  isWorkingDay(date: LocalDate): boolean {
    const { year } = parts(date)
    if (!this.#years.has(year)) {
      if (!canComputeStatutoryYear(year)) throw new CalendarYearMissingError(year)
      return isoWeekday(date) <= 5 && !this.#provisionalDaysOff(year).has(date)
    }
    if (this.#workdays.has(date)) return true
    if (this.#holidays.has(date)) return false
    return isoWeekday(date) <= 5
  }

  /**
   * The `n`-th working day after `date` (`date` itself not counted): "10个工作日内" sent on
   * 2026-02-09 ends on 2026-02-28, a make-up Saturday after the Spring Festival.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`)
    let day = date
    for (let left = n; left > 0; ) {
      day = addDays(day, 1)
      if (this.isWorkingDay(day)) left--
    }
    return day
  }

  /**
   * Working days after `from` up to and including `to`: an issue opened on Monday is 1 working day
   * old on Tuesday. Zero when `to` is not after `from`.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++
    }
    return count
  }

  /** The latest working day on or before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate {
    let day = addDays(date, -1)
    while (!this.isWorkingDay(day)) day = addDays(day, -1)
    return day
  }
}
