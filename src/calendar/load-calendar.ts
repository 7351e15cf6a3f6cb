import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { z } from 'zod'
import { isLocalDate, parts, type LocalDate } from './local-date.ts'
import { WorkingCalendar, type HolidayYear } from './working-calendar.ts'

/** chinese-days ships the official schedule as one JSON file: { holidays: {date: label}, workdays: {date: label} }. */
interface ChineseDaysData {
  holidays: Record<LocalDate, string>
  workdays: Record<LocalDate, string>
}

const localDate = z.string({ error: '日期应写成 "2027-01-01" 这样的文字' }).refine(isLocalDate, { message: '不是有效的日期，应写成 2027-01-01 这样' })

/**
 * The local override file (`data/holidays.json` by default): a year listed here replaces whatever
 * the package knows about it, so a newly announced year works without a new release.
 *   { "years": { "2027": { "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …] } } }
 */
const dateList = z.array(localDate, { error: '应为日期列表，例如 ["2027-01-01"]' })
const overrideSchema = z.object(
  {
    years: z.record(
      z.string().regex(/^\d{4}$/, '年份应为四位数字，例如 "2027"'),
      z.object({ holidays: dateList, workdays: dateList }, { error: '每一年应写成 { "holidays": […], "workdays": […] }' }),
      { error: '缺少 "years"，文件应形如 { "years": { "2027": { … } } }' },
    ),
  },
  { error: '文件应形如 { "years": { "2027": { "holidays": […], "workdays": […] } } }' },
)

export type HolidayOverride = z.infer<typeof overrideSchema>

function bundledYears(): Map<number, HolidayYear> {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData
  const years = new Map<number, HolidayYear>()
  const yearOf = (date: LocalDate): HolidayYear => {
    const { year } = parts(date)
    let y = years.get(year)
    if (!y) years.set(year, (y = { holidays: [], workdays: [] }))
    return y
  }
  for (const d of Object.keys(data.holidays)) yearOf(d).holidays.push(d)
  for (const d of Object.keys(data.workdays)) yearOf(d).workdays.push(d)
  return years
}

/** Checks an override's shape and that every date lies in the year it is filed under. */
export function parseHolidayOverride(json: unknown, source = '节假日文件'): Map<number, HolidayYear> {
  const result = overrideSchema.safeParse(json)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '（顶层）'}：${i.message}`)
    throw new Error(`${source} 有误：${problems.join('；')}`)
  }
  const years = new Map<number, HolidayYear>()
  for (const [yearText, data] of Object.entries(result.data.years)) {
    const year = Number(yearText)
    const stray = [...data.holidays, ...data.workdays].find((d) => parts(d).year !== year)
    if (stray) throw new Error(`${source} 有误：${stray} 写在了 ${year} 年下面`)
    years.set(year, data)
  }
  return years
}

let bundled: Map<number, HolidayYear> | undefined

/** The years chinese-days ships (2004–2026 in 1.5.7), read once. */
export function bundledCalendarYears(): ReadonlyMap<number, HolidayYear> {
  bundled ??= bundledYears()
  return bundled
}

/** The holidays file's years; none when there is no file. Throws, in Chinese, on a broken file. */
export function readHolidayFile(path: string): Map<number, HolidayYear> {
  if (!existsSync(path)) return new Map()
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`节假日文件 ${path} 不是有效的 JSON：${(error as Error).message}`, { cause: error })
  }
  return parseHolidayOverride(json, `节假日文件 ${path}`)
}

/** The package's years with the file's over them: a year in the file replaces the package's. */
export function officialYears(overridePath?: string): Map<number, HolidayYear> {
  const years = new Map(bundledCalendarYears())
  if (overridePath) for (const [year, data] of readHolidayFile(overridePath)) years.set(year, data)
  return years
}

/**
 * The calendar: the package's data, then the override file if it exists. A year in neither is
 * provisional (computed from the holiday law) where that can be computed, else missing.
 */
export function loadCalendar(overridePath?: string): WorkingCalendar {
  return new WorkingCalendar(officialYears(overridePath))
}
