import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { issueWorkingDays, ledgerPeriod, ledgerUrgency, tallyTeams } from '../../src/domain/ledger-facts.ts'
import { workingDayCounter } from '../../src/domain/sla.ts'
import { DEFAULT_TEAMS } from '../../src/domain/teams.ts'
import { CATEGORIES } from '../../src/parse/types.ts'

// Monday 30 November 2026; no holiday in the weeks around it.
const days = workingDayCounter(loadCalendar(), '2026-11-30')

describe('the ledger period', () => {
  it('is the seven days ending on the ledger day', () => {
    expect(ledgerPeriod('2026-11-30')).toEqual({ since: '2026-11-24', until: '2026-11-30' })
    expect(ledgerPeriod('2026-01-03')).toEqual({ since: '2025-12-28', until: '2026-01-03' })
  })
})

describe('working days an issue has taken', () => {
  it('counts up to today while open, and stops on the day it was resolved', () => {
    // Opened Friday the 20th: Mon 23 … Fri 27 and Mon 30 are six working days.
    expect(issueWorkingDays(days, { status: 'open', openedOn: '2026-11-20', resolvedOn: null })).toBe(6)
    expect(issueWorkingDays(days, { status: 'reopened', openedOn: '2026-11-20', resolvedOn: null })).toBe(6)
    expect(issueWorkingDays(days, { status: 'resolved', openedOn: '2026-11-20', resolvedOn: '2026-11-24' })).toBe(2)
    expect(issueWorkingDays(days, { status: 'resolved', openedOn: '2026-11-20', resolvedOn: '2026-11-30' })).toBe(6)
    expect(issueWorkingDays(days, { status: 'resolved', openedOn: '2026-11-27', resolvedOn: '2026-11-27' })).toBe(0)
  })

  it('counts a resolution after the ledger day too (a ledger of an earlier day)', () => {
    expect(issueWorkingDays(days, { status: 'resolved', openedOn: '2026-11-20', resolvedOn: '2026-12-02' })).toBe(8)
  })

  it('skips the National Day holiday', () => {
    const october = workingDayCounter(loadCalendar(), '2026-10-09')
    // 30 Sep → 9 Oct: 1–7 Oct are off, 8 and 9 work, and Saturday the 10th is a make-up day not yet reached.
    expect(issueWorkingDays(october, { status: 'open', openedOn: '2026-09-30', resolvedOn: null })).toBe(2)
  })
})

describe('the light of an issue in the ledger', () => {
  it('is red past the due date, yellow within two working days, green before; none once resolved', () => {
    expect(ledgerUrgency(days, { status: 'open', dueOn: '2026-11-27' })).toBe('red')
    expect(ledgerUrgency(days, { status: 'reopened', dueOn: '2026-12-02' })).toBe('yellow')
    expect(ledgerUrgency(days, { status: 'open', dueOn: '2026-12-03' })).toBe('green')
    expect(ledgerUrgency(days, { status: 'open', dueOn: null })).toBe('green')
    expect(ledgerUrgency(days, { status: 'resolved', dueOn: '2026-11-01' })).toBeNull()
  })
})

describe('the teams summary', () => {
  it('lists every team in order, counts open, overdue, raised and closed, and totals them', () => {
    const { teams, total } = tallyTeams(
      [
        { category: 'land', urgency: 'red' },
        { category: 'land', urgency: 'yellow' },
        { category: 'finance', urgency: 'red' },
      ],
      [
        { category: 'land', opened: 2, resolved: 1 },
        { category: 'environment', opened: 0, resolved: 3 },
      ],
      { ...DEFAULT_TEAMS, land: { name: '自然资源专班', liaisons: [] } },
    )
    expect(teams.map((t) => t.category)).toEqual([...CATEGORIES])
    expect(teams[0]).toEqual({ category: 'land', name: '自然资源专班', open: 2, overdue: 1, opened: 2, resolved: 1 })
    expect(teams.find((t) => t.category === 'finance')).toMatchObject({ open: 1, overdue: 1, opened: 0, resolved: 0 })
    expect(teams.find((t) => t.category === 'environment')).toMatchObject({ open: 0, overdue: 0, resolved: 3 })
    expect(teams.find((t) => t.category === 'safety')).toMatchObject({ open: 0, overdue: 0, opened: 0, resolved: 0 })
    expect(total).toEqual({ open: 3, overdue: 2, opened: 2, resolved: 4 })
  })
})
