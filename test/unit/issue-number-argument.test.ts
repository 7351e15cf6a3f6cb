import { describe, expect, it } from 'vitest'
import { issueNumberAndRest } from '../../commands/arguments.ts'
import { UsageError } from '../../src/core/errors.ts'

describe('an issue number in a command’s arguments', () => {
  it.each([
    ['3 已协调', 3, '已协调'],
    ['#3', 3, ''],
    ['3号 已协调', 3, '已协调'],
    ['三', 3, ''],
    ['三 已协调供电局', 3, '已协调供电局'],
    ['十二', 12, ''],
    ['二十一 供电仍未接通', 21, '供电仍未接通'],
    ['一百零五', 105, ''],
    ['两', 2, ''],
    ['#十二', 12, ''],
    ['第三个 已办', 3, '已办'],
    ['十二号问题 已办', 12, '已办'],
    ['七号', 7, ''],
  ])('%s → #%d, “%s”', (args, number, rest) => {
    expect(issueNumberAndRest(args)).toEqual({ number, rest })
  })

  it.each(['', '三号楼已完成', 'abc', '一二', '3.5', '十二已协调', '1234567'])('%s is no number: the usage', (args) => {
    expect(() => issueNumberAndRest(args)).toThrow(UsageError)
  })
})
