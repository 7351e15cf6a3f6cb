import { describe, expect, it } from 'vitest'
import { addDays, dateInZone, daysBetween, daysInMonth, isLocalDate, timeInZone } from '../../../src/calendar/local-date.ts'

describe('local dates', () => {
  it('knows the length of every month, leap years by the Gregorian rule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect([2024, 2000, 2100, 1900, 2028].map((y) => daysInMonth(y, 2))).toEqual([29, 29, 28, 28, 29])
    // No 13th month, whatever Date.UTC would roll it over to.
    expect(daysInMonth(2026, 13)).toBeNaN()
    expect(isLocalDate('2026-02-29')).toBe(false)
    expect(isLocalDate('2028-02-29')).toBe(true)
    expect(isLocalDate('2026-13-05')).toBe(false)
  })

  it('adds days across months, years and leap days, and counts them back', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('0999-12-31', 1)).toBe('1000-01-01')
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
  })

  it('gives the date in the zone, the same hour cached or not', () => {
    expect(dateInZone(new Date('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01')
    expect(dateInZone(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02')
    expect(dateInZone(new Date('2026-03-01T16:30:00Z'), 'UTC')).toBe('2026-03-01')
    expect(dateInZone(new Date('2026-03-01T16:59:00Z'), 'Asia/Shanghai')).toBe('2026-03-02')
    // Kathmandu is UTC+5:45: its midnight falls inside a UTC hour.
    expect(dateInZone(new Date('2026-03-01T18:14:00Z'), 'Asia/Kathmandu')).toBe('2026-03-01')
    expect(dateInZone(new Date('2026-03-01T18:16:00Z'), 'Asia/Kathmandu')).toBe('2026-03-02')
  })

  it('gives the wall-clock time in the zone, 24-hour', () => {
    expect(timeInZone(new Date('2026-11-30T07:20:00Z'), 'Asia/Shanghai')).toBe('15:20')
    expect(timeInZone(new Date('2026-11-30T16:05:00Z'), 'Asia/Shanghai')).toBe('00:05')
  })
})
