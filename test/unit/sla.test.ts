import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { WorkingCalendar } from '../../src/calendar/working-calendar.ts'
import { addDays } from '../../src/calendar/local-date.ts'
import {
  ageIssue,
  ageIssues,
  ageOpenIssues,
  colourOfDueCounts,
  compareByUrgency,
  countByColour,
  issueDueDate,
  issueUrgency,
  overdueBefore,
  supervisionColour,
  urgencyCutoffs,
  urgencyOfDueCounts,
  workingDayCounter,
} from '../../src/domain/sla.ts'

const calendar = loadCalendar()

describe('issueDueDate', () => {
  it.each([
    ['2026-02-12', 7, null, '2026-02-28'],
    ['2026-02-13', 1, null, '2026-02-14'],
    ['2026-02-13', 2, null, '2026-02-24'],
    ['2026-03-02', 7, null, '2026-03-11'],
    ['2026-03-02', 7, '2026-03-05', '2026-03-05'],
    ['2026-03-02', 0, null, '2026-03-02'],
  ])('opened %s + %i working days (stated %s) is due %s', (openedOn, days, stated, due) => {
    expect(issueDueDate(calendar, openedOn, days, stated)).toBe(due)
  })

  it('counts into a provisional year by the holiday law: 元旦 2027 is skipped', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    expect(issueDueDate(only2026, '2026-12-28', 7)).toBe('2027-01-07')
    expect(issueDueDate(only2026, '2026-12-01', 7)).toBe('2026-12-10')
  })

  it('gives no due date rather than a guess when the calendar cannot compute the year', () => {
    const only2099 = new WorkingCalendar(new Map([[2099, { holidays: [], workdays: [] }]]))
    expect(issueDueDate(only2099, '2099-12-28', 7)).toBeNull()
  })
})

describe('issueUrgency', () => {
  it('counts a near due date in a provisional year, and marks it provisional', () => {
    const only2026 = new WorkingCalendar(new Map([[2026, { holidays: [], workdays: [] }]]))
    const days = workingDayCounter(only2026, '2026-12-20')
    expect(issueUrgency(days, '2027-01-05')).toBe('green')
    // From 12月30日, 1月4日 is the second working day: 元旦 (provisional) is off.
    expect(issueUrgency(workingDayCounter(only2026, '2026-12-30'), '2027-01-04')).toBe('yellow')
    expect(ageIssue(days, '2026-12-18', '2027-01-05').provisional).toBe(true)
    expect(ageIssue(days, '2026-12-18', '2026-12-30').provisional).toBe(false)
  })

  it('calls a near due date in a year the calendar cannot compute yellow instead of failing', () => {
    const only2099 = new WorkingCalendar(new Map([[2099, { holidays: [], workdays: [] }]]))
    // "1月5日前" seen on 12月20日 of the lunar table's last year: its working days cannot be counted, and it is near.
    expect(issueUrgency(workingDayCounter(only2099, '2099-12-20'), '2100-01-05')).toBe('yellow')
    expect(issueUrgency(workingDayCounter(only2099, '2099-12-20'), '2100-03-01')).toBe('green')
    // The counts' cutoffs agree at the year's end, where the third working day ahead is unknown.
    const days = workingDayCounter(only2099, '2099-12-30')
    const { yellowBefore } = urgencyCutoffs(only2099, '2099-12-30')
    for (const due of ['2099-12-31', '2100-01-05', '2100-01-20', '2100-01-21', '2100-02-01']) {
      expect(due < yellowBefore ? 'yellow' : 'green').toBe(issueUrgency(days, due))
    }
  })

  it.each([
    // today, due, urgency
    ['2026-03-02', '2026-03-05', 'green'], // 3 working days left
    ['2026-03-02', '2026-03-04', 'yellow'], // 2 left
    ['2026-03-02', '2026-03-02', 'yellow'], // due today
    ['2026-03-03', '2026-03-02', 'red'], // one day late
    ['2026-02-13', '2026-02-24', 'yellow'], // Fri before the festival: the 14th (make-up) and the 24th
    ['2026-02-12', '2026-02-24', 'green'], // 13th, 14th, 24th: 3 left
    ['2026-03-02', null, 'green'],
    // Far in a year the calendar does not know: green, not an error.
    ['2026-03-02', '2027-03-01', 'green'],
  ])('today %s, due %s: %s', (today, due, urgency) => {
    expect(issueUrgency(workingDayCounter(calendar, today), due)).toBe(urgency)
  })
})

describe('workingDayCounter', () => {
  it.each([
    ['2026-02-12', '2026-02-28', 7],
    ['2026-02-13', '2026-02-24', 2],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-06', '2026-03-09', 1],
    ['2026-03-09', '2026-03-06', 0],
  ])('ages an issue opened %s on %s as %i working days', (opened, today, age) => {
    const counter = workingDayCounter(calendar, today)
    expect(counter.until(opened)).toBe(age)
    expect(counter.until(opened)).toBe(age)
  })
})

describe('ageIssue and compareByUrgency', () => {
  const days = workingDayCounter(calendar, '2026-03-03')
  const issue = (openedOn: string, dueOn: string | null) => ({ openedOn, dueOn, ...ageIssue(days, openedOn, dueOn) })

  it.each([
    ['2026-02-12', '2026-02-28', { ageWorkingDays: 9, urgency: 'red', overdueWorkingDays: 2, provisional: false }],
    ['2026-02-24', '2026-03-03', { ageWorkingDays: 6, urgency: 'yellow', overdueWorkingDays: 0, provisional: false }],
    ['2026-03-02', '2026-03-11', { ageWorkingDays: 1, urgency: 'green', overdueWorkingDays: 0, provisional: false }],
  ])('opened %s, due %s', (openedOn, dueOn, age) => {
    expect(ageIssue(days, openedOn, dueOn)).toEqual(age)
  })

  it('puts red before yellow before green, then the earliest due, then the oldest', () => {
    const list = [
      issue('2026-03-02', null),
      issue('2026-03-02', '2026-03-11'),
      issue('2026-02-24', '2026-03-03'),
      issue('2026-02-13', '2026-03-02'),
      issue('2026-02-12', '2026-03-02'),
    ]
    expect(list.sort(compareByUrgency).map((i) => [i.openedOn, i.dueOn])).toEqual([
      ['2026-02-12', '2026-03-02'],
      ['2026-02-13', '2026-03-02'],
      ['2026-02-24', '2026-03-03'],
      ['2026-03-02', '2026-03-11'],
      ['2026-03-02', null],
    ])
  })
})

describe('ageIssues and ageOpenIssues: the store\'s rows aged above it', () => {
  const days = workingDayCounter(calendar, '2026-03-03')
  const rows = [
    { id: 1, openedOn: '2026-03-02', dueOn: '2026-03-11' },
    { id: 2, openedOn: '2026-02-24', dueOn: '2026-03-03' },
    { id: 3, openedOn: '2026-02-12', dueOn: '2026-02-28' },
    { id: 4, openedOn: '2026-02-24', dueOn: '2026-03-03' },
  ]

  it('ages each row as ageIssue does, keeps its other fields and, for ageIssues, its order', () => {
    expect(ageIssues(rows, days)).toEqual(rows.map((r) => ({ ...r, ...ageIssue(days, r.openedOn, r.dueOn) })))
  })

  it('sorts most urgent first for ageOpenIssues, ties kept in the order read', () => {
    expect(ageOpenIssues(rows, days).map((r) => [r.id, r.urgency])).toEqual([
      [3, 'red'],
      [2, 'yellow'],
      [4, 'yellow'],
      [1, 'green'],
    ])
  })

  it('names the counts by the cutoffs as urgencies: the rest are green', () => {
    expect(urgencyOfDueCounts({ severe: 1, overdue: 3, dueSoon: 2, total: 9 })).toEqual({ red: 3, yellow: 2, green: 4 })
  })

  it('names the same counts as the board’s colours: 严重超期 red, the other overdue yellow, near due blue', () => {
    expect(colourOfDueCounts({ severe: 1, overdue: 3, dueSoon: 2, total: 9 })).toEqual({ red: 1, yellow: 2, blue: 2, green: 4 })
  })
})

describe('overdueBefore', () => {
  it('gives ageIssue’s overdue count for every due date, across weekends, holidays and make-up days', () => {
    for (let today = '2026-09-20'; today <= '2026-10-20'; today = addDays(today, 1)) {
      const days = workingDayCounter(calendar, today)
      const before = overdueBefore(calendar, today, 5)
      for (let offset = -30; offset <= 3; offset++) {
        const due = addDays(today, offset)
        expect([today, due, due < before]).toEqual([today, due, ageIssue(days, '2026-09-01', due).overdueWorkingDays >= 5])
      }
    }
  })
})

describe('urgencyCutoffs', () => {
  it('give issueUrgency’s verdict for every due date, across weekends, holidays and make-up days', () => {
    for (let today = '2026-09-20'; today <= '2026-10-20'; today = addDays(today, 1)) {
      const days = workingDayCounter(calendar, today)
      const { redBefore, yellowBefore } = urgencyCutoffs(calendar, today)
      for (let offset = -5; offset <= 30; offset++) {
        const due = addDays(today, offset)
        const counted = due < redBefore ? 'red' : due < yellowBefore ? 'yellow' : 'green'
        expect([today, due, counted]).toEqual([today, due, issueUrgency(days, due)])
      }
    }
  })
})

describe('a 督办单 colour', () => {
  it('is blue near the due date, yellow overdue, red from 5 working days overdue, none otherwise', () => {
    expect(supervisionColour('green', 0, 5)).toBeNull()
    expect(supervisionColour('yellow', 0, 5)).toBe('blue')
    expect(supervisionColour('red', 1, 5)).toBe('yellow')
    expect(supervisionColour('red', 4, 5)).toBe('yellow')
    expect(supervisionColour('red', 5, 5)).toBe('red')
  })
})

describe('the board’s colour counts', () => {
  it('count the 督办单 colours, green for an issue neither near nor late', () => {
    const issues = [
      { urgency: 'red' as const, overdueWorkingDays: 7 },
      { urgency: 'red' as const, overdueWorkingDays: 5 },
      { urgency: 'red' as const, overdueWorkingDays: 4 },
      { urgency: 'yellow' as const, overdueWorkingDays: 0 },
      { urgency: 'green' as const, overdueWorkingDays: 0 },
    ]
    const colours = countByColour(issues, 5)
    expect(colours).toEqual({ red: 2, yellow: 1, blue: 1, green: 1 })
  })
})
