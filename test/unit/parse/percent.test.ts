import { describe, expect, it } from 'vitest'
import { findPercent } from '../../../src/parse/percent.ts'

describe('findPercent', () => {
  it.each([
    ['桩基施工已完成百分之六十', 60],
    ['主体结构已完成六成', 60],
    ['形象进度75%', 75],
    ['形象进度百分之四十五', 45],
    ['装修完成七成五', 75],
    ['基础工程完成约六成半', 65],
    ['吊装完成80%', 80],
    ['主体完成65%', 65],
    ['完成百分之五十五', 55],
    ['进度达到85.5%', 85.5],
  ])('%s → %d', (text, value) => {
    expect(findPercent(text)).toBe(value)
  })

  it.each([
    '主体结构施工完成过半', // vague
    '设备基础大部分完成', // vague
    '节后工人返岗率只有六成', // a rate, not progress
    '目前产能利用率六成',
    '总投资12亿元',
    '完成120%', // not a percentage of completion
    '主体结构完成百分之一千', // read whole: a thousand, not 百分之一
    '完成百分之一百五十',
  ])('%s gives none', (text) => {
    expect(findPercent(text)).toBeNull()
  })
})
