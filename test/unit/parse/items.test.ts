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
})
