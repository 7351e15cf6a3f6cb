import chineseDays from 'chinese-days'
import { addDays, makeDate, parts, type LocalDate } from './local-date.ts'

/** The seven festivals of the holiday law, as the State Council's notices name them. */
export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const
export type Festival = (typeof FESTIVALS)[number]

export interface StatutoryDay {
  date: LocalDate
  festival: Festival
}

/**
 * The statutory days off of 《全国年节及纪念日放假办法》 in the version in force each year. As
 * revised in 2024, in force from 2025: 元旦 1 day; 春节 4 (除夕 to 初三); 清明 1 (the solar term);
 * 劳动节 2 (5月1日–2日); 端午 1 (五月初五); 中秋 1 (八月十五); 国庆 3 (10月1日–3日). Earlier
 * versions are kept so that every year the package holds checks the calculator (test):
 * 2014–2024 春节 初一–初三, 劳动节 5月1日; 2008–2013 春节 除夕–初二; 2000–2007 (the 1999 text) no
 * 清明, 端午, 中秋 and 劳动节 5月1日–3日. The lunar table ends with 2099.
 */
export const FIRST_STATUTORY_YEAR = 2000
export const LAST_STATUTORY_YEAR = 2099

export function canComputeStatutoryYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_STATUTORY_YEAR && year <= LAST_STATUTORY_YEAR
}

/** 春节's days relative to 正月初一 (−1 is 除夕), and 劳动节's days in May, by the law's version. */
function lawOf(year: number): { springFestival: number[]; labourDay: number[]; traditional: boolean } {
  if (year >= 2025) return { springFestival: [-1, 0, 1, 2], labourDay: [1, 2], traditional: true }
  if (year >= 2014) return { springFestival: [0, 1, 2], labourDay: [1], traditional: true }
  if (year >= 2008) return { springFestival: [-1, 0, 1], labourDay: [1], traditional: true }
  return { springFestival: [0, 1, 2], labourDay: [1, 2, 3], traditional: false }
}

/** The statutory days of `year`, in date order (2027: 01-01, 02-05…02-08, 04-05, 05-01, 05-02, 06-09, 09-15, 10-01…10-03). */
export function statutoryHolidays(year: number): StatutoryDay[] {
  if (!canComputeStatutoryYear(year)) throw new RangeError(`statutory holidays are computed for ${FIRST_STATUTORY_YEAR}–${LAST_STATUTORY_YEAR}, not ${year}`)
  const law = lawOf(year)
  const newYear = lunarToSolar(year, 1, 1)
  const days: StatutoryDay[] = [
    { date: makeDate(year, 1, 1), festival: '元旦' },
    ...law.springFestival.map((d) => ({ date: addDays(newYear, d), festival: '春节' as const })),
    ...law.labourDay.map((d) => ({ date: makeDate(year, 5, d), festival: '劳动节' as const })),
    ...(law.traditional
      ? [
          { date: qingming(year), festival: '清明节' as const },
          { date: lunarToSolar(year, 5, 5), festival: '端午节' as const },
          { date: lunarToSolar(year, 8, 15), festival: '中秋节' as const },
        ]
      : []),
    ...[1, 2, 3].map((d) => ({ date: makeDate(year, 10, d), festival: '国庆节' as const })),
  ]
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * A day of a (non-leap) lunar month in the lunar year that begins in `year`, by chinese-days'
 * table. It is handed a local-midnight Date, not a "YYYY-MM-DD" string: the library reads a string
 * as UTC midnight and then its local fields, a day early west of Greenwich.
 */
function lunarToSolar(year: number, month: number, day: number): LocalDate {
  const { date } = chineseDays.getSolarDateFromLunar(new Date(year, month - 1, day))
  return date
}

/**
 * 清明 (the solar term pure brightness) by the usual formula for 1901–2099, [Y×0.2422+C]−[Y/4]
 * with C = 4.81 from 2000 and 5.59 before: 2027 → 4月5日, 2028 → 4月4日. Not
 * chinese-days' getSolarTermDate, which formats its answer in the process timezone (a day early
 * west of Greenwich); the tests hold the two equal over the whole range.
 */
export function qingming(year: number): LocalDate {
  const y = year % 100
  const c = year >= 2000 ? 4.81 : 5.59
  const day = Math.floor(y * 0.2422 + c) - Math.floor(y / 4)
  return makeDate(year, 4, day)
}

/** The festival a statutory day belongs to, if it is one. */
export function statutoryFestival(date: LocalDate): Festival | null {
  const { year } = parts(date)
  if (!canComputeStatutoryYear(year)) return null
  return statutoryHolidays(year).find((d) => d.date === date)?.festival ?? null
}
