/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC midnights so that the process
 * timezone never leaks in; the only place a timezone matters is turning an instant into a date.
 */
export type LocalDate = string

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const formatters = new Map<string, Intl.DateTimeFormat>()
const HOUR_MS = 3_600_000
/** Each zone's date in each UTC hour seen, by zone then hour number, since Intl is slow (3 µs a
 *  call) and a key string built per call costs more than the lookup. `split`: a local midnight
 *  falls inside that hour (zones with :30 or :45 offsets), so ask Intl. */
const hourDates = new Map<string, Map<number, { date: LocalDate; split: boolean }>>()
const HOUR_CACHE_LIMIT = 10_000
let last = { hour: NaN, timeZone: '', date: '' as LocalDate, split: true }

function formatDate(instant: Date, timeZone: string): LocalDate {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f.format(instant)
}

/** The calendar date of an instant in a timezone: 2026-03-01T17:00Z in Asia/Shanghai is 2026-03-02. */
export function dateInZone(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime()
  const hour = Math.floor(ms / HOUR_MS)
  // Messages come in time order: most are in the hour of the one before.
  if (hour === last.hour && timeZone === last.timeZone && !last.split) return last.date
  let hours = hourDates.get(timeZone)
  if (!hours) hourDates.set(timeZone, (hours = new Map()))
  const known = hours.get(hour)
  if (known) {
    last = { hour, timeZone, ...known }
    return known.split ? formatDate(instant, timeZone) : known.date
  }
  // The date at the hour's first and last millisecond: the same unless a local midnight is inside.
  const first = formatDate(new Date(hour * HOUR_MS), timeZone)
  const split = first !== formatDate(new Date(hour * HOUR_MS + HOUR_MS - 1), timeZone)
  if (hours.size >= HOUR_CACHE_LIMIT) hours.clear()
  hours.set(hour, { date: first, split })
  return split ? formatDate(instant, timeZone) : first
}


const clocks = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock time of an instant in a timezone, hours and minutes: 2026-11-30T07:20Z in Asia/Shanghai is "15:20". */
export function timeInZone(instant: Date, timeZone: string): string {
  let clock = clocks.get(timeZone)
  if (!clock) clocks.set(timeZone, (clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  return clock.format(instant)
}
export function isLocalDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

export function makeDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function parts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) }
}

function toUtcMs(date: LocalDate): number {
  const { year, month, day } = parts(date)
  return Date.UTC(year, month - 1, day)
}

function fromUtcMs(ms: number): LocalDate {
  const d = new Date(ms)
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS)
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(toUtcMs(date)).getUTCDay()
  return d === 0 ? 7 : d
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** By arithmetic: the parser asks for every date it reads, and a Date for it costs ten times more. */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1] ?? NaN
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
}

/** Adds calendar months, clamping the day: 2026-08-31 + 6 months is 2027-02-28. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parts(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)))
}
