import type { HolidayNotice } from './holiday-notice.ts'
import { parts, type LocalDate } from './local-date.ts'
import type { HolidayYear } from './working-calendar.ts'

/** The holidays file's content: { "years": { "2027": { "holidays": […], "workdays": […] } } }. */
export type HolidayFileYears = Map<number, HolidayYear>

/** How the notice's year compares with what the package ships for it, if anything. */
export type BundledComparison =
  | { kind: 'none' }
  | { kind: 'same' }
  | { kind: 'differs'; holidays: Difference; workdays: Difference }

/** Days one side lists and the other does not. */
export interface Difference {
  onlyNotice: LocalDate[]
  onlyBundled: LocalDate[]
}

export interface ImportResult {
  /** The file's years after the import. */
  years: HolidayFileYears
  year: number
  holidays: LocalDate[]
  workdays: LocalDate[]
  /** The file already had the year, now replaced. */
  replaced: boolean
  /** Days of the notice in a neighbouring year ("2022年12月31日至2023年1月2日"), added to that year's data. */
  otherYears: LocalDate[]
  bundled: BundledComparison
}

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; problem: string }

/**
 * The holidays file's years with the notice's year written in, replacing it whole: its days off and
 * make-up working days. A day the notice gives in a neighbouring year (the 2023 notice's 元旦 began
 * on 2022-12-31) joins that year's data when it is official (in the file, or copied from the
 * package); a neighbouring year without official data is refused, as writing one day of it would
 * make the rest of that year look official.
 */
export function importNotice(notice: HolidayNotice, file: HolidayFileYears, bundled: ReadonlyMap<number, HolidayYear>): ImportOutcome {
  const year = notice.year
  const holidays = new Set<LocalDate>()
  const workdays = new Set<LocalDate>()
  const other = new Map<number, { holidays: LocalDate[]; workdays: LocalDate[] }>()
  const place = (date: LocalDate, kind: 'holidays' | 'workdays') => {
    const y = parts(date).year
    if (y === year) return void (kind === 'holidays' ? holidays : workdays).add(date)
    let o = other.get(y)
    if (!o) other.set(y, (o = { holidays: [], workdays: [] }))
    o[kind].push(date)
  }
  for (const item of notice.items) {
    for (const d of item.holidays) place(d, 'holidays')
    for (const d of item.workdays) place(d, 'workdays')
  }

  const years = new Map(file)
  const otherYears: LocalDate[] = []
  for (const [y, days] of other) {
    const base = file.get(y) ?? bundled.get(y)
    if (!base) {
      const first = [...days.holidays, ...days.workdays].sort()[0]!
      return { ok: false, problem: `通知写到了 ${y} 年的 ${first}，但还没有 ${y} 年的放假安排：请先导入 ${y} 年的通知` }
    }
    const merged = { holidays: union(base.holidays, days.holidays), workdays: union(base.workdays, days.workdays) }
    if (merged.holidays.length !== base.holidays.length || merged.workdays.length !== base.workdays.length) years.set(y, merged)
    otherYears.push(...days.holidays, ...days.workdays)
  }
  const written = { holidays: [...holidays].sort(), workdays: [...workdays].sort() }
  years.set(year, written)
  return {
    ok: true,
    result: { years, year, ...written, replaced: file.has(year), otherYears: otherYears.sort(), bundled: compare(written, bundled.get(year)) },
  }
}

function union(a: readonly LocalDate[], b: readonly LocalDate[]): LocalDate[] {
  return [...new Set([...a, ...b])].sort()
}

function compare(notice: HolidayYear, bundled: HolidayYear | undefined): BundledComparison {
  if (!bundled) return { kind: 'none' }
  const holidays = difference(notice.holidays, bundled.holidays)
  const workdays = difference(notice.workdays, bundled.workdays)
  const same = [holidays, workdays].every((d) => d.onlyNotice.length === 0 && d.onlyBundled.length === 0)
  return same ? { kind: 'same' } : { kind: 'differs', holidays, workdays }
}

function difference(notice: readonly LocalDate[], bundled: readonly LocalDate[]): Difference {
  const [mine, theirs] = [new Set(notice), new Set(bundled)]
  return { onlyNotice: notice.filter((d) => !theirs.has(d)).sort(), onlyBundled: bundled.filter((d) => !mine.has(d)).sort() }
}

/** The file's JSON, years ascending, dates ascending: what `parseHolidayOverride` reads back. */
export function holidayFileJson(years: HolidayFileYears): string {
  const sorted = [...years].sort(([a], [b]) => a - b)
  return `${JSON.stringify({ years: Object.fromEntries(sorted.map(([y, d]) => [String(y), { holidays: [...d.holidays].sort(), workdays: [...d.workdays].sort() }])) }, null, 2)}\n`
}
