import { describe, expect, it } from 'vitest'
import { currentStage, DEFAULT_SLOW_THRESHOLDS, slowProject, type StageDates } from '../../src/domain/slow-projects.ts'

describe('slowProject', () => {
  it.each<[string, StageDates, string, string | null]>([
    ['signed, exactly 6 months', { signed: '2025-09-02' }, '2026-03-02', null],
    ['signed, 6 months and a day', { signed: '2025-09-02' }, '2026-03-03', 'signed'],
    ['land reached in time', { signed: '2025-01-01', land: '2025-12-01' }, '2026-03-03', null],
    ['land, 6 months and a day', { signed: '2025-01-01', land: '2025-09-02' }, '2026-03-03', 'land'],
    ['land, exactly 6 months', { land: '2025-09-03' }, '2026-03-03', null],
    ['construction, exactly 18 months', { construction: '2024-09-03' }, '2026-03-03', null],
    ['construction, 18 months and a day', { construction: '2024-09-02' }, '2026-03-03', 'construction'],
    ['completed: no rule', { construction: '2020-01-01', completion: '2021-01-01' }, '2026-03-03', null],
    ['in production: no rule', { production: '2020-01-01' }, '2026-03-03', null],
    ['no stage yet', {}, '2026-03-03', null],
    ['month-end clamps: Aug 31 + 6 months is Feb 28', { signed: '2025-08-31' }, '2026-02-28', null],
    ['the day after the clamped limit', { signed: '2025-08-31' }, '2026-03-01', 'signed'],
  ])('%s', (_, dates, today, stage) => {
    expect(slowProject(dates, today, DEFAULT_SLOW_THRESHOLDS)?.stage ?? null).toBe(stage)
  })

  it('reads the thresholds it is given', () => {
    const tight = { signedMonths: 1, landMonths: 1, constructionMonths: 1 }
    expect(slowProject({ signed: '2026-01-01' }, '2026-02-02', tight)).toEqual({
      stage: 'signed',
      since: '2026-01-01',
      months: 1,
      limit: '2026-02-01',
    })
    expect(slowProject({ signed: '2026-01-01' }, '2026-02-02', DEFAULT_SLOW_THRESHOLDS)).toBeNull()
  })
})

describe('currentStage', () => {
  it('is the furthest stage reached, even when an earlier one was never recorded', () => {
    expect(currentStage({ signed: '2025-01-01', construction: '2025-06-01' })).toEqual({ stage: 'construction', since: '2025-06-01' })
    expect(currentStage({})).toBeNull()
  })
})
