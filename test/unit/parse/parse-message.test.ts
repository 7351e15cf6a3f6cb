import { describe, expect, it } from 'vitest'
import { loadCalendar } from '../../../src/calendar/load-calendar.ts'
import { parseChatText } from '../../../src/parse/parse-chat-text.ts'
import { parseMessage, PARSE_LIMIT } from '../../../src/parse/parse-message.ts'

const calendar = loadCalendar()

const SENT = '2026-03-10T10:00:00+08:00' // a Tuesday
const brief = (text: string, sentAt = SENT) =>
  parseChatText(text, sentAt, { calendar }).map((r) =>
    r.type === 'progress' ? ['progress', r.stage, r.percent, r.due] : r.type === 'issue' ? ['issue', r.category, r.due] : ['resolution', r.category],
  )

describe('stages reached, each as a family of phrasings', () => {
  it.each([
    ['项目今天上午举行开工仪式，正式破土动工', 'construction'],
    ['冷链物流园二期已开工', 'construction'],
    ['今天开始进场施工，挖机已经到位', 'construction'],
    ['項目已於3月1日正式開工', 'construction'],
    ['嘉华科技项目在省投洽会上成功签约，总投资15亿', 'signed'],
    ['二期项目昨天签订了投资合作协议', 'signed'],
    ['三期地块今天完成摘牌', 'land'],
    ['鑫源项目已经取得土地使用权', 'land'],
    ['芯联封测项目土地已挂牌成交', 'land'],
    ['项目已完成供地，不动产权证也办好了', 'land'],
    ['土地已经招拍挂完成，企业拿到地了', 'land'],
    ['恒信家电配件厂竣工验收今天顺利通过', 'completion'],
    ['项目全面完工', 'completion'],
    ['二期厂房已经完成竣工验收备案', 'completion'],
    ['项目于今日正式投产运营', 'production'],
    ['生产线今天开始试生产，首批产品已经下线', 'production'],
  ])('%s → %s', (text, stage) => {
    expect(brief(text)[0]).toEqual(['progress', stage, null, null])
  })

  it.each([
    ['项目计划下周一开工', ['progress', null, null, '2026-03-16']],
    ['项目将于5月中旬投产', ['progress', null, null, '2026-05-15']],
    ['宏达食品项目5月底竣工', ['progress', null, null, '2026-05-31']],
    ['计划春节后动工', ['progress', null, null, null]],
  ])('a plan is no stage: %s', (text, record) => {
    expect(brief(text)).toEqual([record])
  })

  it('reads a recent month/day as the past: 项目于6月8日正式动工 sent on 10 June', () => {
    expect(brief('项目于6月8日正式动工', '2026-06-10T10:00:00+08:00')).toEqual([['progress', 'construction', null, null]])
  })

  it('lets trouble after a stage word make the clause an issue: 签约快一年了还没供地', () => {
    expect(brief('项目签约快一年了还没供地，企业意见很大')).toEqual([['issue', 'land', null]])
  })

  it('does not take a negated or hindered stage: 还没开工, 试生产受影响', () => {
    expect(brief('项目还没开工，施工许可证还差规划许可')).toEqual([['issue', 'approval', null]])
    expect(brief('厂区供电线路还没接进来，试生产受影响')).toEqual([['issue', 'infrastructure', null]])
  })
})

describe('progress with percentages and plans', () => {
  it.each([
    ['華興電子項目廠房主體已完成百分之七十五，預計下月中旬封頂', ['progress', null, 75, '2026-04-15']],
    ['宏远项目钢结构厂房完成80%，争取月底前全部完工', ['progress', null, 80, '2026-03-31']],
    ['厂房屋面施工完成一半，预计4月10日前全部完成', ['progress', null, null, '2026-04-10']],
    ['主体结构施工进度已达百分之九十，6月上旬完成封顶', ['progress', null, 90, '2026-06-10']],
    ['项目整体进度约40%', ['progress', null, 40, null]],
    ['目前完成桩基施工320根，占总数的80%', ['progress', null, 80, null]],
    ['冷库项目主体封顶', ['progress', null, null, null]],
  ])('%s', (text, record) => {
    expect(brief(text)).toEqual([record])
  })
})

describe('issues and their teams', () => {
  it.each([
    ['项目用地征收还有5户没有签协议，拆迁工作推进困难', 'land'],
    ['项目用地范围内有一条灌溉渠需要改道，村里不同意', 'land'],
    ['企业流动资金紧张，银行贷款迟迟不放，希望金融专班协调', 'finance'],
    ['施工图审查一直没通过，报建卡住了', 'approval'],
    ['工地缺少普工，目前只到了一半人，希望人社局帮忙招一下', 'labour'],
    ['基坑支护有裂缝，存在坍塌隐患，已紧急停工', 'safety'],
    ['厂区门口道路坑洼不平，大车进出不便，麻烦园区尽快修一下', 'infrastructure'],
    ['夜间施工噪音扰民，居民打12345投诉了好几次', 'environment'],
    ['企业反映子女上学还没安排好，希望教育局协调', 'other'],
    ['土方开挖过程中挖到古墓，文物部门要求停工勘探，工期可能延误一个月', 'other'],
  ])('%s → %s', (text, category) => {
    expect(brief(text)).toEqual([['issue', category, null]])
  })

  it.each([
    ['施工图审查一直没通过，报建卡住了，企业希望下周五前能拿到施工许可证', '2026-03-20'],
    ['二号楼外脚手架存在安全隐患，要求立即整改，两天内整改到位', '2026-03-12'],
    ['園區污水管網還沒鋪設到位，企業沒法辦排污許可，請在１０個工作日內給出方案', '2026-03-24'],
  ])('a stated deadline is the due date: %s → %s', (text, due) => {
    expect(parseChatText(text, SENT, { calendar })[0]).toMatchObject({ type: 'issue', due })
  })

  it('takes no due date from a date that is not a deadline', () => {
    expect(brief('企业高管的子女入学问题还没落实，9月份就要开学了，着急')).toEqual([['issue', 'other', null]])
  })
})

describe('resolutions', () => {
  it.each([
    ['环评已经批下来了，谢谢环保局', 'environment'],
    ['施工許可證已經辦下來了，感謝住建局大力支持！', 'approval'],
    ['贷款已经放下来了，资金问题解决', 'finance'],
    ['上周反映的用工问题，人社局已经帮忙解决了', 'labour'],
    ['燃气管道已经接通，生产线可以调试了', 'infrastructure'],
    ['工人工资纠纷已经调解好了，工人都复工了', 'labour'],
    ['问题已妥善处理', null],
    ['积水问题已经疏通好了', 'infrastructure'],
    ['节能审查意见已经拿到', 'environment'],
    ['问题已解决，谢谢大家🙏', null],
    ['办结👌', null],
  ])('%s → %s', (text, category) => {
    expect(brief(text)).toEqual([['resolution', category]])
  })

  it('takes the team from the quoted question when the reply does not name it', () => {
    const text = '「张科：排污许可怎么样了？」\n- - - - - - - - - - - - - - -\n已经办好了'
    expect(brief(text)).toEqual([['resolution', 'environment']])
  })

  it('is not a promise for later: 施工方承诺10个工作日内整改完毕', () => {
    expect(brief('消防验收提了整改意见，施工方承诺10个工作日内整改完毕', '2026-06-10T09:00:00+08:00')).toEqual([
      ['issue', 'approval', '2026-06-25'],
    ])
  })

  it('is not a negated fix: 能耗指标还没落实', () => {
    expect(brief('電池廠的能耗指標還沒落實，能評批不下來')).toEqual([['issue', 'environment', null]])
  })
})

describe('several records in one message', () => {
  it('a resolution and a new issue', () => {
    expect(brief('道路问题已经解决了，但是供水管还没接通，厂区还是用的临时水')).toEqual([
      ['resolution', 'infrastructure'],
      ['issue', 'infrastructure', null],
    ])
  })

  it('progress and an issue with their own dates', () => {
    expect(brief('主体已完成百分之五十五。周边居民投诉夜间施工噪音，需在8月5日前回复处理结果', '2026-07-30T15:00:00+08:00')).toEqual([
      ['progress', null, 55, null],
      ['issue', 'environment', '2026-08-05'],
    ])
  })
})

describe('messages that record nothing', () => {
  it.each([
    '好的收到',
    '谢谢各位领导关心👍👍',
    '⚠️⚠️⚠️',
    '[图片]',
    '',
    '请问一下施工许可需要哪些材料？',
    '@王主任 设备补贴的事什么时候能兑现？',
    '明天下午两点开协调会，请各单位准时参加',
    '安全生产月活动通知：各项目要开展隐患排查',
    '/status',
    '／问题 电池厂供电接入延迟',
    '这个问题已经反馈给市里了，等回复',
  ])('%j', (text) => {
    expect(parseChatText(text, SENT, { calendar })).toEqual([])
  })

  it('survives a 20,000-character paste', () => {
    const text = '进度汇报：'.concat('主体结构施工中，'.repeat(2500))
    expect(() => parseChatText(text, SENT, { calendar })).not.toThrow()
  })
})

describe('#进度 and #问题 tags', () => {
  it('make a record where the words alone would not', () => {
    expect(brief('#问题 企业希望对接本地的包装材料供应商')).toEqual([['issue', 'other', null]])
    expect(brief('#进度 桩基施工已经全部结束')).toEqual([['progress', null, null, null]])
  })
})

describe('summaries', () => {
  it('keep the words the record came from', () => {
    const [record] = parseChatText('@国土局李科 二期用地青苗补偿没谈妥🙏', SENT, { calendar })
    expect(record?.summary).toBe('二期用地青苗补偿没谈妥')
  })
})

describe('a long paste (issue 10: 100,000 characters of 明天 stalled the bot)', () => {
  const parse = (body: string) => parseMessage({ body, sentAt: SENT }, { calendar })

  it('reads only the first PARSE_LIMIT characters: the rest changes nothing, so it costs nothing', () => {
    const head = '明天'.repeat(PARSE_LIMIT / 2)
    // A problem plainly told, but after the cap: not read, whatever its length.
    const tail = '施工许可证还没批下来，'.repeat(4_500)
    expect(parse(head + tail)).toEqual(parse(head))
    expect(parse(`${'明天'.repeat(25_000)}施工许可证还没批下来`)).toEqual(parse(head))
    // Within the cap it is read as usual.
    expect(parse(`${'明天'.repeat(100)}，施工许可证还没批下来`).map((r) => r.type)).toContain('issue')
  })
})

describe('closes, demands and what is no problem (issue 20), each as a family of phrasings', () => {
  it.each([
    ['厂区的临时用电昨晚通了'],
    ['燃气今天下午通咗，锅炉可以点火'],
    ['林地使用审核同意书省厅今天批了'],
    ['消防复验上午过了'],
    ['拖欠的工资已经打到工人卡上'],
    ['剩下的800万今天也放了'],
    ['电焊工也招齐了'],
    ['挡路的两户村民已经撤了'],
    ['现在运输车可以进了'],
  ])('%s is a close', (text) => {
    expect(brief(text).map(([type]) => type)).toEqual(['resolution'])
  })

  it.each([
    ['规划许可卡住了，动工前必须拿到证', 'approval'],
    ['排污许可证节前必须批下来', 'environment'],
    ['专线送电拖了两周，25号前务必送上电', 'infrastructure'],
  ])('%s is a problem, never a close', (text, team) => {
    expect(brief(text).map(([type, category]) => [type, category])).toEqual([['issue', team]])
  })

  it('reads a numbered list after item 1 as items, not "2.10" as a number: two problems of two teams', () => {
    expect(brief('目前困难：1.宿舍还没落实；2.10千伏专线还没送电').map(([type, team]) => [type, team])).toEqual([
      ['issue', 'other'],
      ['issue', 'infrastructure'],
    ])
  })

  it.each(['今天下大雨工地停工一天', '雨下得太大了，今天歇一天', '麻烦各位按模板重新发一下本周进度', '格式不对的请重新报'])('%s records nothing', (text) => {
    expect(brief(text)).toEqual([])
  })

  it('a signing closes nothing when it names no problem of a team', () => {
    expect(brief('设备采购合同昨天已经签了')).toEqual([])
    expect(brief('剩下两户的拆迁协议也签了')).toEqual([['resolution', 'land']])
  })

  it("marks a department's own plan as the department's, not the project's", () => {
    const [plan] = parseChatText('水务公司预计4月中旬完成管网接驳', SENT, { calendar })
    expect(plan).toMatchObject({ type: 'progress', due: '2026-04-15', planOf: '水务公司' })
    const [own] = parseChatText('项目预计4月中旬完成设备安装', SENT, { calendar })
    expect(own).toMatchObject({ type: 'progress', due: '2026-04-15' })
    expect(own).not.toHaveProperty('planOf')
  })
})

describe('a long summary', () => {
  it('is cut between characters, never between the two halves of one outside the BMP', () => {
    for (let pad = 95; pad <= 105; pad++) {
      const [issue] = parseMessage({ body: `施工用电还没接入${'供'.repeat(pad)}${'𠮷'.repeat(20)}`, sentAt: SENT }, { calendar })
      expect(issue?.summary.endsWith('…')).toBe(true)
      // A lone high or low surrogate is not text: "\uD842…" would be stored and shown as garbage.
      expect(issue?.summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u)
    }
  })
})

describe('a step on the way is no close (issue 20): what is said last about the fix holds', () => {
  it.each([
    ['工行的授信今天批了，下周三放款'],
    ['环评技术审查已经通过，预计月底前出批复'],
    ['箱变已经装好了，目前正在办理送电手续'],
    ['补贴已拨付到镇财政，暂未发放到企业'],
    ['围挡已经整改到位，约了安监站下周一复查'],
    ['首批奖补资金今天已经拨付了，剩下的等审计完再拨'],
    ['专线已经接通了，只剩机房那头的设备'],
    ['技术评审原则通过，材料改好后再走审批'],
  ])('%s is a plan of the fix, not its close', (text) => {
    expect(brief(text).map(([type]) => type)).toEqual(['progress'])
    expect(parseChatText(text, SENT, { calendar })[0]).toMatchObject({ onTheWay: true })
  })

  it.each([
    ['补偿款后天发到户，堵门的村民已经撤了'],
    ['设备今天清关放行了，明天开始安装'],
    ['施工许可证今天拿到了'],
  ])('%s still closes: the fix is said last, or what follows is the project\'s own next step', (text) => {
    expect(brief(text).map(([type]) => type)).toContain('resolution')
  })
})

describe('a fix still to do is no close (issue 20): a condition, an instruction, a plan approved, a negation', () => {
  it.each([
    ['证件补齐后再报规划局'],
    ['施工单位整改完了申请验收'],
    ['隐患整改完成后报安监站复核'],
    ['等设备清关下来就安排安装'],
    ['你们先把补偿协议签了'],
    ['线路迁改方案昨天评审通过了'],
    ['配套管网改造方案已经批复'],
    ['设备还压在港口，没清关'],
  ])('%s closes nothing', (text) => {
    expect(brief(text).map(([type]) => type)).not.toContain('resolution')
  })

  it.each([['资料已经补齐，规划许可证今天核发了'], ['管网改造今天完工，已经通水了'], ['设备今天清关了']])('%s is still a close', (text) => {
    expect(brief(text).map(([type]) => type)).toContain('resolution')
  })
})

describe('granted, but on a condition not yet met, is the problem still (issue 20)', () => {
  it.each([
    ['工行授信批了，但放款前要先办抵押登记'],
    ['排污许可已经批了，不过投产前还需要通过验收'],
    ['补贴已经拨付了，可是到企业账上必须走完审计'],
  ])('%s is a problem, not a close', (text) => {
    expect(brief(text).map(([type]) => type)).toEqual(['issue'])
  })

  it('a grant followed by other news is still a close', () => {
    expect(brief('工行授信批了，但是利率比预想的低').map(([type]) => type)).toContain('resolution')
  })
})

it('a close followed by another problem still outstanding is a close and that problem', () => {
  expect(brief('临时用电已经通了，就剩燃气管道还没接').map(([type]) => type)).toEqual(['resolution', 'issue'])
})

describe('a Cantonese negation is a negation (issue 20)', () => {
  it.each([
    ['厂区道路塌咗一段，货车入唔到', 'infrastructure'],
    ['排污许可报咗成个月都冇批落嚟', 'environment'],
    ['厂房嘅施工许可证仲未批', 'approval'],
  ])('%s is a problem', (text, team) => {
    expect(brief(text).map(([type, category]) => [type, category])).toEqual([['issue', team]])
  })

  it('唔该 stays thanks, and a close said in Cantonese stays a close', () => {
    expect(brief('搞掂咗，唔该晒').map(([type]) => type)).toEqual(['resolution'])
  })
})

describe('a contrast after a close speaks of something else (issue 20)', () => {
  it.each([
    ['新铺的给水管今天接通了，不过工人这块另说', 'infrastructure'],
    ['贷款今天放下来了，但是招工的事下次再议', 'finance'],
  ])('%s closes for the team of what was done, in its own words', (text, team) => {
    const [close] = parseChatText(text, SENT, { calendar })
    expect(close).toMatchObject({ type: 'resolution', category: team })
    expect(close!.summary).not.toMatch(/不过|但是/u)
  })
})

