import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import chineseDays from 'chinese-days'
import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { parts } from '../../../src/calendar/local-date.ts'
import { qingming, statutoryHolidays } from '../../../src/calendar/statutory-holidays.ts'

const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> }
const bundledYears = [...new Set(Object.keys(official.holidays).map((d) => parts(d).year))].sort((a, b) => a - b)
const calendar = loadCalendar()

describe('the statutory days, computed, against every year chinese-days holds', () => {
  it('covers the years 2004–2026', () => {
    expect(bundledYears[0]).toBe(2004)
    expect(bundledYears.at(-1)).toBe(2026)
  })

  it.each(bundledYears)('%i: every computed statutory day is off in the official calendar', (year) => {
    for (const { date, festival } of statutoryHolidays(year)) {
      expect(calendar.isWorkingDay(date), `${date} ${festival}`).toBe(false)
      // chinese-days lists 2012's 端午 as 6-22 and 6-24 only: the Saturday between (the festival
      // itself) is off as a weekend, and the notice gave 6月22日至24日. Its data's only gap.
      if (date !== '2012-06-23') expect(official.holidays[date], `${date} ${festival}`).toBeDefined()
    }
  })

  it('2027 by the 2024-revised law: 13 days, 春节 from 除夕 (2月5日) to 初三', () => {
    expect(statutoryHolidays(2027).map((d) => `${d.date} ${d.festival}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ])
  })

  it('every year to 2099 has the 13 days of the law; a festival may fall on another\'s day (2028: 中秋 is 10月3日)', () => {
    for (let year = 2025; year <= 2099; year++) expect(statutoryHolidays(year), String(year)).toHaveLength(13)
    expect(statutoryHolidays(2028).filter((d) => d.date === '2028-10-03').map((d) => d.festival).sort()).toEqual(['中秋节', '国庆节'])
  })

  it('清明 by formula is chinese-days\' solar term from 2000 to 2099', () => {
    // Asked at local noon of its answer's day would not help: the library formats in the process
    // timezone, so this holds where the tests run (UTC or east of it), which is what it checks.
    for (let year = 2000; year <= 2099; year++) expect(qingming(year), String(year)).toBe(chineseDays.getSolarTermDate(year, 4, 'pure_brightness'))
  })

  it('gives the same days west of Greenwich, where chinese-days reads date strings a day early', () => {
    const root = resolve(import.meta.dirname, '../../..')
    const script = "import('./src/calendar/statutory-holidays.ts').then((m) => console.log(JSON.stringify([2027, 2028, 2030].map(m.statutoryHolidays))))"
    const run = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'America/Los_Angeles' } })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual([2027, 2028, 2030].map(statutoryHolidays))
  })
})
