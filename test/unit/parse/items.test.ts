import { describe, expect, it } from 'vitest'
import { splitItems } from '../../../src/parse/items.ts'

const texts = (text: string) => splitItems(text).map((i) => i.text)

describe('splitItems', () => {
  it('splits a report at its numbered and enumerated items, under their headings', () => {
    expect(splitItems('二、存在问题\n1. 施工临时用电还没接入；\n2. 项目贷款还卡在审批；\n3. 焊工缺口约20人')).toEqual([
      { text: '施工临时用电还没接入；', section: 'issue' },
      { text: '项目贷款还卡在审批；', section: 'issue' },
      { text: '焊工缺口约20人', section: 'issue' },
    ])
  })

  it('takes a marker only after a separator or at the start, and never a date or an amount', () => {
    expect(texts('①主体封顶②设备进场')).toEqual(['主体封顶②设备进场'])
    expect(texts('计划3.15前完成，贷款1.2亿')).toEqual(['计划3.15前完成，贷款1.2亿'])
    expect(texts('还有两户没谈妥')).toEqual(['还有两户没谈妥'])
  })

  it('sees a marker right after another one’s closing comma', () => {
    expect(texts('进度正常。另外，还有，供电的事要跟进；1.用工缺口20人；2.贷款未批')).toEqual(['进度正常。', '供电的事要跟进；', '用工缺口20人；', '贷款未批'])
  })

  it('reads "2.10千伏" after item 1 as item 2, and a decimal anywhere else as a number', () => {
    expect(texts('本周问题：1.用地指标还没下来；2.10千伏线路迁改还没开始；3.焊工缺20人')).toEqual([
      '本周问题：',
      '用地指标还没下来；',
      '10千伏线路迁改还没开始；',
      '焊工缺20人',
    ])
    expect(texts('1.贷款还没批\n2.35千伏站要扩容')).toEqual(['贷款还没批', '35千伏站要扩容'])
    expect(texts('主体完成；1.5亿贷款到位')).toEqual(['主体完成；1.5亿贷款到位'])
    expect(texts('1.用工缺口；3.5万元补贴未到')).toEqual(['用工缺口；3.5万元补贴未到'])
  })

  it('puts the items after "有两个问题…：" under a problems heading', () => {
    expect(splitItems('主体在做。有两件事请领导协调：\n1. 燃气管道压在3号厂房下面，需要迁改；\n2. 宿舍还差40间').map((i) => i.section)).toEqual([
      null,
      'issue',
      'issue',
    ])
  })
})
