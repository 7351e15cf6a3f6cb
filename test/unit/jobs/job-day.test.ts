import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { WorkingCalendar } from '../../../src/calendar/working-calendar.ts'
import { jobDay, missingCalendarYears } from '../../../src/domain/job-day.ts'

const calendar = loadCalendar()

describe('jobDay: the jobs work on working days of the official calendar only', () => {
  it.each([
    ['2026-10-09', 'a Friday', { work: true, makeUp: false }],
    ['2026-10-10', 'the make-up Saturday after National Day', { work: true, makeUp: true }],
    ['2026-02-14', 'the make-up Saturday before the Spring Festival', { work: true, makeUp: true }],
    ['2026-02-28', 'the make-up Saturday after the Spring Festival', { work: true, makeUp: true }],
    ['2026-09-20', 'the make-up Sunday before National Day', { work: true, makeUp: true }],
    ['2026-10-01', 'National Day', { work: false, reason: 'holiday' }],
    ['2026-10-07', 'the last day of the National Day holiday', { work: false, reason: 'holiday' }],
    ['2026-09-25', 'Mid-Autumn Festival', { work: false, reason: 'holiday' }],
    ['2026-02-17', 'Spring Festival', { work: false, reason: 'holiday' }],
    ['2026-10-11', 'an ordinary Sunday', { work: false, reason: 'weekend' }],
    ['2026-03-07', 'an ordinary Saturday', { work: false, reason: 'weekend' }],
  ])('%s (%s)', (day, _what, expected) => {
    expect(jobDay(calendar, day)).toEqual(expected)
  })

  it('says a year the calendar lacks instead of guessing Monday to Friday', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    expect(jobDay(only2026, '2027-01-04')).toEqual({ work: false, reason: 'calendar-missing', year: 2027 })
  })
})

describe('missingCalendarYears', () => {
  const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
  it.each([
    ['2026-10-30', []],
    // From November on, next year's missing data is worth a warning: late issues fall due in it.
    ['2026-11-02', [2027]],
    ['2027-01-04', [2027]],
  ])('%s → %j', (day, years) => {
    expect(missingCalendarYears(only2026, day)).toEqual(years)
  })
})
