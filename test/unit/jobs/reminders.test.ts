import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { reminderWindowStart, selectReminders, type ReminderCandidate } from '../../../src/domain/reminders.ts'
import { renderReminder } from '../../../src/text/reminder.ts'

const calendar = loadCalendar()

function candidate(overrides: Partial<ReminderCandidate>): ReminderCandidate {
  return {
    projectId: 1,
    projectName: '新材料',
    roomId: 'r1@chatroom',
    muted: false,
    stages: { signed: '2026-01-05', land: '2026-03-02', construction: '2026-06-01' },
    lastProgressOn: null,
    recentReporters: [],
    ...overrides,
  }
}

const reminded = (today: string, candidates: ReminderCandidate[], afterWorkingDays = 1) =>
  selectReminders({ candidates, today, calendar, afterWorkingDays }).map((r) => r.projectId)

describe('who is reminded (REMINDER_AFTER_WORKING_DAYS = 1: no progress today)', () => {
  const today = '2026-10-10' // the make-up Saturday after National Day
  it.each<[string, Partial<ReminderCandidate>, boolean]>([
    ['a group with no progress ever', { lastProgressOn: null }, true],
    ['a group whose last progress was the day before', { lastProgressOn: '2026-10-09' }, true],
    ['a group that reported today', { lastProgressOn: '2026-10-10' }, false],
    ['a muted group', { muted: true }, false],
    ['a project in production (投产)', { stages: { signed: '2026-01-05', completion: '2026-08-03', production: '2026-09-01' } }, false],
    ['a project completed (竣工) but not in production', { stages: { signed: '2026-01-05', completion: '2026-08-03' } }, true],
    ['a project before signing', { stages: {} }, true],
    ['a project with no group', { roomId: null }, false],
  ])('%s → %s', (_what, overrides, expected) => {
    expect(reminded(today, [candidate(overrides)])).toEqual(expected ? [1] : [])
  })
})

describe('the window over holidays and weekends', () => {
  it.each([
    // Two working days on 10月8日 (first day back): the window opens on 9月30日, before the holiday.
    ['2026-10-08', 2, '2026-09-30'],
    // On the make-up Saturday 10月10日, two working days are Friday 9日 and Saturday 10日.
    ['2026-10-10', 2, '2026-10-09'],
    // On Monday 10月12日, three working days reach back over Sunday to Friday 9日.
    ['2026-10-12', 3, '2026-10-09'],
    // After the Spring Festival: 2月24日 back two working days is the make-up Saturday 2月14日.
    ['2026-02-24', 2, '2026-02-14'],
    ['2026-10-09', 1, '2026-10-09'],
  ])('%s, %i working days → from %s', (today, n, start) => {
    expect(reminderWindowStart(calendar, today, n)).toBe(start)
  })

  it('progress reported during the holiday counts inside the window', () => {
    expect(reminded('2026-10-08', [candidate({ lastProgressOn: '2026-10-03' })], 2)).toEqual([])
    expect(reminded('2026-10-08', [candidate({ lastProgressOn: '2026-09-29' })], 2)).toEqual([1])
  })
})

describe('the reminder text and its @mentions', () => {
  it('@mentions the three latest progress reporters, newest first', () => {
    const reporters = ['张三', '李四', '王五', '赵六'].map((name, i) => ({ id: `wxid_${i}`, name }))
    const [r] = selectReminders({
      candidates: [candidate({ lastProgressOn: '2026-09-28', recentReporters: reporters })],
      today: '2026-10-10',
      calendar,
      afterWorkingDays: 1,
    })
    expect(r).toEqual({ projectId: 1, roomId: 'r1@chatroom', mentionIds: ['wxid_0', 'wxid_1', 'wxid_2'], lastProgressOn: '2026-09-28' })
    expect(renderReminder('2026-10-10', 1, r!.lastProgressOn)).toBe(
      '⏰ 进度提醒：今天（10月10日）本群还没有报项目进度（上次：9月28日）。\n' +
        '请简要说一下最新进展，例如“主体结构完成60%”；有困难也可直接说，我会登记并转给相关专班。',
    )
  })

  it('says how many working days when the window is longer, and that there was never any progress', () => {
    const [r] = selectReminders({ candidates: [candidate({})], today: '2026-10-12', calendar, afterWorkingDays: 3 })
    expect(renderReminder('2026-10-12', 3, r!.lastProgressOn)).toMatch(/^⏰ 进度提醒：本群已连续 3 个工作日没有报项目进度（还没有进度记录）。/u)
    expect(r?.mentionIds).toEqual([])
  })
})
