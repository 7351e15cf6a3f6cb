import { describe, expect, it } from 'vitest'
import { planRecords, type IssueTopic } from '../../src/domain/issue-matching.ts'
import type { Issue } from '../../src/domain/types.ts'
import type { Category, ParsedRecord } from '../../src/parse/types.ts'

let nextId = 1
function topic(number: number, category: Category, text: string, status: Issue['status'] = 'open'): IssueTopic {
  const issue: Issue = {
    id: nextId++,
    projectId: 1,
    number,
    messageId: null,
    sourceCommand: null,
    category,
    summary: text,
    status,
    reporterId: null,
    assigneeId: null,
    openedAt: new Date('2026-03-02T01:00:00Z'),
    openedOn: '2026-03-02',
    dueOn: '2026-03-11',
    resolvedAt: null,
    resolvedOn: null,
    resolutionText: null,
    resolvedById: null,
  }
  return { issue, text }
}

const issue = (category: Category, summary: string, due: string | null = null): ParsedRecord => ({ type: 'issue', category, due, summary })
const plan = (summary: string): ParsedRecord => ({ type: 'progress', stage: null, percent: null, due: '2026-03-10', summary })
const fix = (category: Category | null, summary: string): ParsedRecord => ({ type: 'resolution', category, summary })

const place = (records: ParsedRecord[], topics: IssueTopic[]) =>
  planRecords({ records, topics, quoted: undefined, projectName: '华晟储能电池项目' }).map((p) =>
    p.kind === 'resolution' ? `${p.kind}:${p.target.kind === 'close' ? p.target.issue.number : p.target.kind}` : p.kind === 'follow-up' ? `follow-up:${p.issue.number}` : p.kind === 'new-issue' ? `new${p.recurs ? `(recurs ${p.recurs.number})` : ''}` : p.kind,
  )

describe('placing a message in the ledger', () => {
  const power = topic(1, 'infrastructure', '施工临时用电还没接入，现在靠两台柴油发电机')
  const loan = topic(2, 'finance', '项目固定资产贷款2亿元还卡在建行总行审批')
  const workers = topic(3, 'labour', '钢结构焊工、电工缺口约20人，施工单位招不到人')
  const road = topic(4, 'infrastructure', '厂区门口道路坑洼不平，大车进出不便')
  const open = [power, loan, workers, road]

  it.each([
    ['a repeat in other words follows up its issue', [issue('labour', '招工还差十几个人，还是不够')], ['follow-up:3']],
    ['a nudge naming it follows it up', [issue('infrastructure', '用电的事还没落实，发电机一天光柴油就两千多')], ['follow-up:1']],
    ['a new problem of another team is new', [issue('environment', '夜间打桩噪音太大，村民投诉了')], ['new']],
    ['a new problem of the same team but another thing is new', [issue('infrastructure', '厂区供水管还没接通')], ['new']],
    ['a plan about an open issue is its news, not progress', [plan('箱变已经到货，预计下周二能送电')], ['follow-up:1']],
    ['a plan of the project is progress', [plan('预计下周开始主体结构施工')], ['progress']],
    ['a fix closes the issue whose words it shares', [fix('infrastructure', '临时用电已经接通了')], ['resolution:1']],
    ['a fix of the road closes the road, not the power', [fix('infrastructure', '门口道路已经修好了')], ['resolution:4']],
    ['a bare "done" with several open asks', [fix(null, '问题已解决')], ['resolution:ask']],
  ])('%s', (_what, records, expected) => {
    expect(place(records, open)).toEqual(expected)
  })

  it('never closes what the same message says is still open', () => {
    const noise = topic(5, 'environment', '周边居民投诉夜间施工噪音')
    expect(place([fix('environment', '环评批复已经拿到了'), issue('environment', '噪音投诉还没回复')], [noise])).toEqual(['follow-up:5', 'resolution:none'])
  })

  it('names the closed issue a problem that comes back repeats', () => {
    const closed = topic(1, 'infrastructure', '施工临时用电还没接入', 'resolved')
    expect(place([issue('infrastructure', '临时用电又停了，箱变跳闸，桩机全部停工')], [closed])).toEqual(['new(recurs 1)'])
  })

  it('does not take the project\'s own name for a shared topic', () => {
    const mine = topic(1, 'safety', '华晟储能电池项目北区一名工人滑落骨折')
    expect(place([issue('finance', '华晟储能电池项目的设备款还没到位')], [mine])).toEqual(['new'])
  })

  it('a completion no open issue is about closes nothing and asks nothing', () => {
    const permit = topic(5, 'approval', '施工许可证还没批下来，图审意见还没回复')
    for (const done of ['设备采购合同已经签了', '設備採購合同已經簽了', '食堂的桌椅已经买好了'])
      expect(place([fix(null, done)], [power, permit])).toEqual(['resolution:none'])
  })

  it('a completion that names only "done" still means the only open issue, and asks among several', () => {
    expect(place([fix(null, '搞掂咗，唔该晒')], [power])).toEqual(['resolution:1'])
    expect(place([fix(null, '这个事情已经协调好了')], [power, loan])).toEqual(['resolution:ask'])
  })

  it('a reply quoting a report of two problems closes the one its own words are about', () => {
    const quoted = { issues: [power.issue, road.issue], text: '1.施工临时用电还没接入；2.厂区门口道路坑洼不平' }
    const plans = planRecords({ records: [fix('infrastructure', '门口的路今天铺好了')], topics: open, quoted, projectName: '华晟储能电池项目' })
    expect(plans.map((p) => (p.kind === 'resolution' && p.target.kind === 'close' ? p.target.issue.number : p.kind))).toEqual([4])
  })

  it('a department\'s date sets the deadline of an issue whose report named none; a deadline the reporter stated stands', () => {
    const defaultDue = (openedOn: string) => (openedOn === '2026-03-02' ? '2026-03-11' : null)
    const reply: ParsedRecord = { type: 'progress', stage: null, percent: null, due: '2026-04-15', summary: '供电局答复临时用电4月15日前送电' }
    const stated = topic(6, 'infrastructure', '施工临时用电还没接入，最迟3月20日要通电')
    stated.issue.dueOn = '2026-03-20'
    const dues = (t: IssueTopic) =>
      planRecords({ records: [reply], topics: [t], quoted: undefined, projectName: '华晟储能电池项目', defaultDue }).map((p) => (p.kind === 'follow-up' ? p.due : p.kind))
    expect(dues(power)).toEqual(['2026-04-15'])
    expect(dues(stated)).toEqual([null])
  })

  it('a department\'s plan about an open issue is news of that issue, not the project\'s progress', () => {
    const gas = topic(7, 'infrastructure', '燃气管道改迁还没开始，厂房基础没法施工')
    const labour = topic(8, 'labour', '机修工和电工招不到人，投产前要到位')
    labour.issue.lastSaidAt = new Date('2026-03-10T01:00:00Z')
    gas.issue.lastSaidAt = new Date('2026-03-05T01:00:00Z')
    const plans = (summary: string, sentAt: string) =>
      planRecords({ records: [plan(summary)], topics: [gas, labour], quoted: undefined, projectName: '华晟储能电池项目', sentAt: new Date(sentAt) }).map((p) =>
        p.kind === 'follow-up' ? `follow-up:${p.issue.number}` : p.kind,
      )
    // Words in common, fewer than a repeat has: the gas issue.
    expect(plans('新管道已经焊好，改迁线路正在打压试验，计划周四晚上切换', '2026-03-12T01:00:00Z')).toEqual(['follow-up:7'])
    // Nothing in common, right after the workers were spoken of: an answer to that.
    expect(plans('收到，下周三职业学校有个校企对接会，我帮你们报名', '2026-03-10T03:00:00Z')).toEqual(['follow-up:8'])
    // The same words two days later answer nothing: the project's own plan.
    expect(plans('收到，下周三职业学校有个校企对接会，我帮你们报名', '2026-03-12T03:00:00Z')).toEqual(['progress'])
  })

  it('a quoted reply that says the problem is done closes it, even read as progress', () => {
    const permit = topic(5, 'approval', '不动产权证什么时候能出？出让金早就交清了')
    const reply: ParsedRecord = { type: 'progress', stage: null, percent: null, due: null, summary: '证今天拿到了，谢谢自然资源局' }
    const quoted = { issues: [permit.issue], text: permit.text }
    const placed = (q: typeof quoted | undefined) =>
      planRecords({ records: [reply], topics: [permit, power], quoted: q, projectName: '华晟储能电池项目' }).map((p) =>
        p.kind === 'resolution' && p.target.kind === 'close' ? `resolution:${p.target.issue.number}` : p.kind,
      )
    expect(placed(quoted)).toEqual(['resolution:5'])
    // Not quoted and sharing too little with it: news, not a close.
    expect(placed(undefined)).not.toContain('resolution:5')
  })
})

describe('codes name one thing (issue 20)', () => {
  it('a code shared with one issue and one more word closes it, where the words alone are too few', () => {
    const permit = topic(1, 'approval', '食品生产许可证(SC证)还没拿到，只能试产')
    const fire = topic(2, 'approval', '消防验收资料还在补')
    expect(place([fix(null, '好消息，SC证拿到了')], [permit, fire])).toEqual(['resolution:1'])
    expect(place([fix(null, '好消息，证拿到了')], [permit, fire])).toEqual(['resolution:none'])
  })

  it('a plain number or a single letter is no code', () => {
    const blockA = topic(1, 'safety', 'A栋脚手架连墙件缺失')
    const blockB = topic(2, 'safety', 'B栋高支模立杆间距超标')
    expect(place([fix(null, 'A栋已经整改完毕')], [blockA, blockB])).not.toEqual(['resolution:1'])
  })
})

describe('a problem its reporter labels new (issue 20)', () => {
  const workers = topic(1, 'labour', '钢结构焊工、电工缺口约20人，施工单位招不到人')
  it.each([['新问题：电工没地方住，施工单位很着急'], ['3.新增：焊工的社保没人给交，工人意见很大'], ['新发现问题：焊工持证不全']])('%s is new, though it shares words with an open one', (text) => {
    expect(place([issue('labour', text)], [workers])).toEqual(['new'])
  })
  it('the same words without the label follow the open issue up', () => {
    expect(place([issue('labour', '电工没地方住，施工单位很着急')], [workers])).toEqual(['follow-up:1'])
  })
})

describe('a step on the way is news of its issue, never its close (issue 20)', () => {
  const loan = topic(1, 'finance', '工行3000万贷款批了一个多月还没放款')
  const told = (onTheWay: boolean): ParsedRecord => ({ type: 'progress', stage: null, percent: null, due: null, summary: '工行贷款的抵押登记已经办好了，下周放款', ...(onTheWay ? { onTheWay: true as const } : {}) })
  it('follows the issue up and leaves it open', () => {
    expect(place([told(true)], [loan])).toEqual(['follow-up:1'])
  })
  it('the same words read as a plain reply of done close it', () => {
    expect(place([told(false)], [loan])).toEqual(['resolution:1'])
  })
})

describe('a reply read as progress closes its issue only when a clause of it says done (issue 20)', () => {
  const gas = topic(1, 'infrastructure', '燃气中压管道压在3号车间位置，要迁改')
  const reply = (summary: string): ParsedRecord => ({ type: 'progress', stage: null, percent: null, due: null, summary })
  it.each([
    ['围墙砌筑过半；燃气管道迁改方案已经评审通过，下周动工'],
    ['燃气管道迁改等设计变更批下来就能动工'],
  ])('%s follows the issue up', (summary) => {
    expect(place([reply(summary)], [gas])).toEqual(['follow-up:1'])
  })
  it('a clause that says the move is done closes it', () => {
    expect(place([reply('围墙砌筑过半；燃气管道迁改已经完成')], [gas])).toEqual(['resolution:1'])
  })
})

describe('a service cut and back are one thing (issue 20)', () => {
  const water = topic(1, 'infrastructure', '厂区从早上停水到现在，搅拌站没法开')
  const power = topic(2, 'infrastructure', '二号车间的变压器还没到货')
  it.each([['来水了，辛苦抢修的师傅', 1], ['电来了，谢谢供电所', 2]])('%s closes the issue of its service', (text, number) => {
    const gasCut = topic(3, 'infrastructure', '锅炉房停气一天了')
    expect(place([fix(null, text)], [water, { ...power, text: '二号车间又没电了' }, gasCut])).toEqual([`resolution:${number}`])
  })
})

describe('a milestone reached that an open issue waited for closes it (issue 20)', () => {
  const deed = topic(1, 'land', '不动产权证还没办下来，施工许可报不了')
  const road = topic(2, 'infrastructure', '光缆杆子挡着围墙，联通还没迁')
  const reached = (summary: string): ParsedRecord => ({ type: 'progress', stage: 'land', percent: null, due: null, summary })
  it('closes the issue its done clause is about, and stays progress', () => {
    expect(place([reached('不动产权证今天领到了，光缆迁移的申请函也发给联通了')], [deed, road])).toEqual(['progress', 'resolution:1'])
  })
  it('a milestone no open issue waited for is progress only', () => {
    expect(place([reached('土地今天摘牌了')], [road])).toEqual(['progress'])
  })
})

