import { addDays, isoWeekday, parts, type LocalDate } from './local-date.ts'

/** One year of the official calendar: the days off and the make-up working days (调休上班). */
export interface HolidayYear {
  holidays: LocalDate[]
  workdays: LocalDate[]
}

/**
 * Thrown when a date falls in a year the calendar has no official data for. The State Council
 * announces each year's holidays in the autumn before; until the data is added (a package update
 * or the local override file), guessing "Monday to Friday" would put due dates on holidays.
 */
export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`没有 ${year} 年的法定节假日数据：请在 data/holidays.json 中补充该年的放假与调休安排（见 README）`)
    this.name = 'CalendarYearMissingError'
  }
}

/** The PRC working-day calendar over a fixed set of years. Pure: built once, then only read. */
export class WorkingCalendar {
  readonly #holidays = new Set<LocalDate>()
  readonly #workdays = new Set<LocalDate>()
  readonly #years: ReadonlySet<number>

  constructor(years: ReadonlyMap<number, HolidayYear>) {
    for (const data of years.values()) {
      for (const d of data.holidays) this.#holidays.add(d)
      for (const d of data.workdays) this.#workdays.add(d)
    }
    this.#years = new Set(years.keys())
  }

  get years(): number[] {
    return [...this.#years].sort((a, b) => a - b)
  }

  hasYear(year: number): boolean {
    return this.#years.has(year)
  }

  isWorkingDay(date: LocalDate): boolean {
    const { year } = parts(date)
    if (!this.#years.has(year)) throw new CalendarYearMissingError(year)
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
