import { describe, expect, it } from 'vitest'
import { parseNumeral } from '../../../src/parse/numerals.ts'

describe('parseNumeral', () => {
  it.each([
    ['12', 12],
    ['5.2', 5.2],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十二', 22],
    ['一百二十', 120],
    ['一百零五', 105],
    ['一千零一', 1001],
    ['三千五', 3500],
    ['两百五', 250],
    ['一万二', 12000],
    ['十万', 100000],
    ['三千万', 30_000_000],
    ['八千万', 80_000_000],
    ['5.2亿', 520_000_000],
    ['1.2亿', 120_000_000],
    ['一亿两千万', 120_000_000],
    ['5000万', 50_000_000],
    ['零', 0],
  ])('%s → %d', (text, value) => {
    expect(parseNumeral(text)).toBe(value)
  })

  it.each(['', '一二', '亿x', 'abc'])('%j is not one numeral', (text) => {
    expect(parseNumeral(text)).toBeNull()
  })
})
