import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import type { IssueLedgerRow } from '../../../src/domain/ledger-facts.ts'
import { workingDayCounter } from '../../../src/domain/sla.ts'
import { DEFAULT_TEAMS } from '../../../src/domain/teams.ts'
import { issuesSheet } from '../../../src/text/ledger-issues-sheet.ts'
import { dueRecomputedText } from '../../../src/text/holiday-import.ts'

// The package holds 2004–2026: 2027 is provisional.
const calendar = loadCalendar()

describe('the 台账 marks a row whose figures used a provisional year', () => {
  const row = (over: Partial<IssueLedgerRow>): IssueLedgerRow => ({
    projectName: '新材料', number: 1, category: 'land', summary: '征地拆迁', status: 'open', reporterName: '张三',
    openedOn: '2026-12-01', dueOn: '2026-12-10', resolvedOn: null, resolvedByName: null, resolutionText: null, assigneeName: null, followUps: 0,
    ...over,
  })
  const warning = (today: string, r: IssueLedgerRow) => issuesSheet(workingDayCounter(calendar, today), DEFAULT_TEAMS).columns.find((c) => c.header === '预警')!.value(r)

  it('in December: only the issues due in 2027', () => {
    expect(warning('2026-12-14', row({}))).toBe('超期')
    expect(warning('2026-12-28', row({ openedOn: '2026-12-24', dueOn: '2027-01-06' }))).toBe('正常（暂定）')
  })

  it('in 2027: every open row, and a closed one whose 历时 ran into it', () => {
    expect(warning('2027-01-05', row({}))).toBe('严重超期（暂定）')
    expect(warning('2027-01-05', row({ status: 'resolved', resolvedOn: '2027-01-04' }))).toBe('暂定')
    expect(warning('2027-01-05', row({ status: 'resolved', resolvedOn: '2026-12-09' }))).toBeNull()
  })
})

describe('the board\'s words for a due date counted again', () => {
  it('names both dates with their year', () => {
    expect(dueRecomputedText('2027-02-12 2027-02-18')).toBe('到期日按国务院放假通知重算：2027年2月12日 → 2027年2月18日')
  })
})
