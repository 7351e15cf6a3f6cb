import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { WorkingCalendar } from '../../../src/calendar/working-calendar.ts'
import { calendarNotice, provisionalUse } from '../../../src/domain/calendar-gaps.ts'
import { jobDay } from '../../../src/domain/job-day.ts'

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

  it('works on a provisional year by the holiday law: 2027-02-05 (除夕) is off, 2027-02-09 works', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    expect(jobDay(only2026, '2027-02-05')).toEqual({ work: false, reason: 'holiday' })
    expect(jobDay(only2026, '2027-02-09')).toEqual({ work: true, makeUp: false })
  })

  it('says a year the calendar cannot compute instead of guessing Monday to Friday', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    expect(jobDay(only2026, '2100-01-04')).toEqual({ work: false, reason: 'calendar-missing', year: 2100 })
  })
})

describe('provisionalUse and calendarNotice: the provisional years behind today\'s figures', () => {
  const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))

  it('none while every figure lies in official years', () => {
    const use = provisionalUse([{ dueYear: 2026, count: 3 }], only2026, '2026-11-30')
    expect(use).toEqual({ years: [], today: false, dueDates: 0 })
    expect(calendarNotice(use, only2026, '2026-11-30')).toBeNull()
  })

  it('issues due in the provisional year make their due dates 暂定', () => {
    const use = provisionalUse([{ dueYear: 2026, count: 1 }, { dueYear: 2027, count: 2 }], only2026, '2026-12-28')
    expect(use).toEqual({ years: [2027], today: false, dueDates: 2 })
    expect(calendarNotice(use, only2026, '2026-12-28')).toEqual({ provisional: [2027], comingYear: null })
  })

  it('today in a provisional year makes everything 暂定', () => {
    expect(provisionalUse([], only2026, '2027-01-05')).toEqual({ years: [2027], today: true, dueDates: 0 })
  })

  it('from 1 December warns of the coming year with no notice, not in November', () => {
    const none = provisionalUse([], only2026, '2026-12-01')
    expect(calendarNotice(none, only2026, '2026-12-01')).toEqual({ provisional: [], comingYear: 2027 })
    expect(calendarNotice(provisionalUse([], only2026, '2026-11-30'), only2026, '2026-11-30')).toBeNull()
    const both = new WorkingCalendar(new Map([2026, 2027].map((y) => [y, { holidays: [], workdays: [] }])))
    expect(calendarNotice(provisionalUse([], both, '2026-12-01'), both, '2026-12-01')).toBeNull()
  })
})
