import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { WorkingCalendar } from '../../../src/calendar/working-calendar.ts'
import { calendarGaps } from '../../../src/domain/calendar-gaps.ts'
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

  it('says a year the calendar lacks instead of guessing Monday to Friday', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    expect(jobDay(only2026, '2027-01-04')).toEqual({ work: false, reason: 'calendar-missing', year: 2027 })
  })
})

describe('calendarGaps: the years a figure shown actually needed', () => {
  const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
  const counts = (undated: [number, number][], near: [number, number][]) => ({
    undated: undated.map(([openedYear, count]) => ({ openedYear, count })),
    near: near.map(([dueYear, count]) => ({ dueYear, count })),
  })

  it('none when every issue has a due date and none near falls in the missing year', () => {
    expect(calendarGaps(counts([], [[2026, 3]]), only2026, '2026-11-30')).toEqual([])
  })

  it('issues without a due date are counted against the first missing year from their opening', () => {
    expect(calendarGaps(counts([[2026, 2]], []), only2026, '2026-12-28')).toEqual([{ year: 2027, undated: 2, uncounted: 0 }])
  })

  it('issues due within three weeks in the missing year: their working days left are uncounted', () => {
    expect(calendarGaps(counts([], [[2026, 1], [2027, 2]]), only2026, '2026-12-20')).toEqual([{ year: 2027, undated: 0, uncounted: 2 }])
  })

  it('a year added since the issue was opened is no gap any more', () => {
    const both = new WorkingCalendar(new Map([2026, 2027].map((y) => [y, { holidays: [], workdays: [] }])))
    expect(calendarGaps(counts([[2026, 1]], []), both, '2026-12-28')).toEqual([])
  })
})
