import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCalendar, parseHolidayOverride } from '../../../src/calendar/load-calendar.ts'
import { CalendarYearMissingError } from '../../../src/calendar/working-calendar.ts'

const calendar = loadCalendar()

describe('isWorkingDay on the official 2025–2026 calendar', () => {
  it.each([
    ['2026-02-14', true, 'make-up Saturday before the Spring Festival'],
    ['2026-02-15', false, 'Spring Festival holiday, a Sunday'],
    ['2026-02-18', false, 'Spring Festival holiday, a Wednesday'],
    ['2026-02-23', false, 'last day of the Spring Festival holiday, a Monday'],
    ['2026-02-24', true, 'first working day after it'],
    ['2026-02-28', true, 'make-up Saturday after the Spring Festival'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-08', true, 'a Thursday after the National Day week'],
    ['2026-10-10', true, 'make-up Saturday after National Day'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-09-25', false, 'Mid-Autumn Festival, a Friday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-09', true, 'an ordinary Monday'],
    ['2026-01-01', false, "New Year's Day"],
    ['2025-12-31', true, 'the last day of 2025, a Wednesday'],
    ['2025-10-11', true, 'make-up Saturday of 2025'],
  ])('%s → %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working)
  })
})

describe('addWorkingDays and workingDaysBetween', () => {
  it('counts across the year boundary and the New Year holiday', () => {
    // 2025-12-31 (Wed) → 1–3 Jan 2026 off, 4 Jan a make-up Sunday
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04')
    expect(calendar.addWorkingDays('2025-12-30', 2)).toBe('2026-01-04')
  })

  it('gives the hotline’s 7 working days across the Spring Festival', () => {
    // Tue 10 Feb: 11, 12, 13, 14 (Sat, make-up), then 24, 25, 26
    expect(calendar.addWorkingDays('2026-02-10', 7)).toBe('2026-02-26')
  })

  it('measures age in working days, the start not counted', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2) // 14th and 24th
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0)
    expect(calendar.workingDaysBetween('2026-03-06', '2026-03-02')).toBe(0)
  })

  it('finds the previous working day over a holiday', () => {
    expect(calendar.previousWorkingDay('2026-10-08')).toBe('2026-09-30')
  })

  it('refuses 0.5 or negative working days', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError)
  })
})

describe('a year without data', () => {
  it('is provisional by the holiday law when it can be computed: 2027 skips 除夕 to 初三, no make-up days', () => {
    expect(calendar.hasYear(2027)).toBe(false)
    expect(calendar.isProvisional(2027)).toBe(true)
    expect(calendar.isWorkingDay('2027-02-05')).toBe(false)
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false)
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true)
    // 2027-02-01 (Monday) + 7 working days: 2–4, then 除夕 to 初三 (5–8, a weekend inside), then 9–12.
    expect(calendar.addWorkingDays('2027-02-01', 7)).toBe('2027-02-12')
    expect(calendar.touchesProvisional('2026-12-28', '2027-01-06')).toBe(true)
    expect(calendar.touchesProvisional('2026-12-01', '2026-12-28')).toBe(false)
  })

  it('is an error the caller sees where it cannot be computed, never a weekday guess', () => {
    expect(calendar.isProvisional(2100)).toBe(false)
    expect(() => calendar.isWorkingDay('2100-01-04')).toThrow(CalendarYearMissingError)
    expect(() => calendar.addWorkingDays('2099-12-28', 5)).toThrow(/2100/)
  })

  it('can be added by the local override file without a new release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-calendar-'))
    const file = join(dir, 'holidays.json')
    writeFileSync(
      file,
      JSON.stringify({
        years: {
          '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] },
        },
      }),
    )
    const withOverride = loadCalendar(file)
    expect(withOverride.isWorkingDay('2027-01-01')).toBe(false)
    expect(withOverride.isWorkingDay('2027-01-09')).toBe(true) // a Saturday made a working day
    expect(withOverride.isWorkingDay('2027-01-04')).toBe(true)
    // 2026-12-31 (Thu) + 1 working day skips the 2027 New Year holiday
    expect(withOverride.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04')
  })

  it('rejects an override with a bad date or a date filed under the wrong year', () => {
    expect(() => parseHolidayOverride({ years: { '2027': { holidays: ['2027-02-30'], workdays: [] } } })).toThrow(/years\.2027\.holidays\.0：不是有效的日期/)
    expect(() => parseHolidayOverride({ years: { '2027': { holidays: ['2028-01-01'], workdays: [] } } })).toThrow(/2028-01-01 写在了 2027 年下面/)
    expect(() => parseHolidayOverride({ years: [] })).toThrow(/有误：years：/)
  })
})
