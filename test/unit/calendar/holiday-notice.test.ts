import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importNotice } from '../../../src/calendar/holiday-import.ts'
import { readHolidayNotice, type HolidayNotice } from '../../../src/calendar/holiday-notice.ts'
import { bundledCalendarYears } from '../../../src/calendar/load-calendar.ts'
import { parts } from '../../../src/calendar/local-date.ts'

const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> }
const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../fixtures/holiday-notices', name), 'utf8')

function read(text: string): HolidayNotice {
  const r = readHolidayNotice(text)
  if (!r.ok) throw new Error(r.problem)
  return r.notice
}

/** What one side says of every day of a notice's year, and of the neighbouring days the notice names. */
function daysOf(notice: HolidayNotice): { holidays: string[]; workdays: string[] } {
  return { holidays: notice.items.flatMap((i) => i.holidays).sort(), workdays: notice.items.flatMap((i) => i.workdays).sort() }
}
function officialDays(year: number, also: readonly string[]): { holidays: string[]; workdays: string[] } {
  const pick = (table: Record<string, string>) => Object.keys(table).filter((d) => parts(d).year === year || also.includes(d)).sort()
  return { holidays: pick(official.holidays), workdays: pick(official.workdays) }
}

describe('the published notices of 2017 and 2020–2026, day by day against chinese-days', () => {
  it.each([
    ['2026.txt', 2026],
    ['2026-news.txt', 2026],
    ['2025.txt', 2025],
    ['2024.txt', 2024],
    ['2023.txt', 2023],
    ['2021.txt', 2021],
    ['2017.txt', 2017],
  ])('%s: exactly the days off and make-up working days chinese-days holds for %i', (file, year) => {
    const notice = read(fixture(file))
    expect(notice.year).toBe(year)
    const mine = daysOf(notice)
    const neighbours = [...mine.holidays, ...mine.workdays].filter((d) => parts(d).year !== year)
    expect(mine).toEqual(officialDays(year, neighbours))
  })

  it('2023 begins its 元旦 on 2022-12-31, a day of the year before', () => {
    expect(daysOf(read(fixture('2023.txt'))).holidays.slice(0, 3)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02'])
  })

  it('2022: chinese-days has one day more, 2022-12-31, which the 2023 notice gave', () => {
    const mine = daysOf(read(fixture('2022.txt')))
    const theirs = officialDays(2022, [])
    expect(theirs.holidays.filter((d) => !mine.holidays.includes(d))).toEqual(['2022-12-31'])
    expect(mine.holidays.filter((d) => !theirs.holidays.includes(d))).toEqual([])
    expect(mine.workdays).toEqual(theirs.workdays)
  })

  it('2020: chinese-days holds the Spring Festival extended to 2月2日 (国办发明电〔2020〕1号, after the notice), so 2月1日 is no longer a working day', () => {
    const mine = daysOf(read(fixture('2020.txt')))
    const theirs = officialDays(2020, [])
    expect(theirs.holidays.filter((d) => !mine.holidays.includes(d))).toEqual(['2020-01-31', '2020-02-01', '2020-02-02'])
    expect(mine.holidays.filter((d) => !theirs.holidays.includes(d))).toEqual([])
    expect(mine.workdays.filter((d) => !theirs.workdays.includes(d))).toEqual(['2020-02-01'])
    expect(theirs.workdays.filter((d) => !mine.workdays.includes(d))).toEqual([])
  })

  it('keeps an encouragement apart: 2024 asks that staff rest on 除夕 (2月9日), which is no day off', () => {
    const notice = read(fixture('2024.txt'))
    expect(notice.advisories).toEqual(['鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息'])
    expect(daysOf(notice).holidays).not.toContain('2024-02-09')
  })

  it('reads a notice set with spaces, half-width signs and 周几 without brackets the same', () => {
    const spaced = fixture('2026.txt').replace(/日/gu, ' 日 ').replace(/（/gu, '(').replace(/）/gu, ')').replace(/，/gu, ',').replace(/：/gu, ':')
    expect(daysOf(read(spaced))).toEqual(daysOf(read(fixture('2026.txt'))))
    // Ranges with a dash as some pages write them: "1月1日—3日", "2月15日～23日".
    const dashed = fixture('2026.txt').replace('至3日', '—3日').replace('至23日', '～23日')
    expect(daysOf(read(dashed))).toEqual(daysOf(read(fixture('2026.txt'))))
  })

  it('reads 2017\'s "1月1日放假，1月2日（星期一）补休": both days off', () => {
    expect(read(fixture('2017.txt')).items[0]).toEqual({ festivals: ['元旦'], holidays: ['2017-01-01', '2017-01-02'], workdays: [] })
  })

  it('the 2025 notice names 国庆节、中秋节 together, and 元旦 "放假1天，不调休"', () => {
    const notice = read(fixture('2025.txt'))
    expect(notice.items.map((i) => i.festivals.join('、'))).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节'])
    expect(notice.items[0]).toEqual({ festivals: ['元旦'], holidays: ['2025-01-01'], workdays: [] })
  })
})

describe('a text it cannot read whole is refused, naming the sentence', () => {
  const text = fixture('2026.txt')
  const problem = (t: string) => {
    const r = readHolidayNotice(t)
    return r.ok ? null : r.problem
  }

  it('a weekday that is not the date\'s (a wrong year, or a typo)', () => {
    expect(problem(text.replace('5月9日（周六）上班', '5月9日（周日）上班'))).toBe('劳动节：读不懂这一句「5月9日(周日)上班」：2026-05-09 不是周日')
  })

  it('a count of days that is not the dates\'', () => {
    expect(problem(text.replace('放假，共3天。\n\n六', '放假，共4天。\n\n六'))).toBe('端午节：读不懂这一句「6月19日(周五)至21日(周日)放假,共4天」：写的是共4天，日期却是 3 天')
  })

  it('words it does not know in a sentence about days off', () => {
    expect(problem(text.replace('共7天。9月20日', '共7天，具体另行通知。9月20日'))).toMatch(/^国庆节：读不懂这一句「10月1日\(周四\)至7日\(周三\)放假调休,共7天,具体另行通知」/u)
  })

  it('a festival missing (a text cut short)', () => {
    expect(problem(text.slice(0, text.indexOf('七、国庆节')))).toBe('通知里没有找到国庆节的安排：文本是否完整？')
  })

  it('no year', () => {
    expect(problem('一、元旦：1月1日放假。')).toMatch(/^找不到通知的年份/u)
  })

  it('a festival whose dates it could not find', () => {
    expect(problem(text.replace('三、清明节：4月4日（周六）至6日（周一）放假，共3天。', '三、清明节：放假安排另行通知。'))).toMatch(/^清明节：读不懂这一句「放假安排另行通知」/u)
  })
})

describe('importNotice: the year into the holidays file', () => {
  const bundled = bundledCalendarYears()

  it('the published 2026 notice is exactly the 2026 that chinese-days holds', () => {
    const r = importNotice(read(fixture('2026.txt')), new Map(), bundled)
    expect(r.ok && r.result.bundled).toEqual({ kind: 'same' })
    expect(r.ok && r.result.years.get(2026)).toEqual({ holidays: [...bundled.get(2026)!.holidays].sort(), workdays: [...bundled.get(2026)!.workdays].sort() })
  })

  it('replaces a year already in the file, and keeps the file\'s other years', () => {
    const file = new Map([
      [2026, { holidays: ['2026-01-01'], workdays: [] }],
      [2027, { holidays: ['2027-01-01'], workdays: [] }],
    ])
    const r = importNotice(read(fixture('2026.txt')), file, bundled)
    expect(r.ok && r.result.replaced).toBe(true)
    expect(r.ok && r.result.years.get(2026)!.holidays).toHaveLength(33)
    expect(r.ok && r.result.years.get(2027)).toEqual({ holidays: ['2027-01-01'], workdays: [] })
  })

  it('a neighbouring day joins an official year, and is refused for one that has no notice yet', () => {
    const r2023 = importNotice(read(fixture('2023.txt')), new Map(), bundled)
    expect(r2023.ok && r2023.result.otherYears).toEqual(['2022-12-31'])
    // chinese-days already has it: the file gains no 2022.
    expect(r2023.ok && r2023.result.years.has(2022)).toBe(false)
    const notice2028: HolidayNotice = { year: 2028, items: [{ festivals: ['元旦'], holidays: ['2027-12-31', '2028-01-01'], workdays: [] }], advisories: [] }
    expect(importNotice(notice2028, new Map(), bundled)).toEqual({ ok: false, problem: '通知写到了 2027 年的 2027-12-31，但还没有 2027 年的放假安排：请先导入 2027 年的通知' })
    const with2027 = importNotice(notice2028, new Map([[2027, { holidays: ['2027-01-01'], workdays: [] }]]), bundled)
    expect(with2027.ok && with2027.result.years.get(2027)).toEqual({ holidays: ['2027-01-01', '2027-12-31'], workdays: [] })
  })
})
