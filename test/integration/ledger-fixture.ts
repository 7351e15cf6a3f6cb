import { parseMessage } from '../../src/parse/parse-message.ts'
import {
  assignIssue,
  createProject,
  ingestMessage,
  recallMessage,
  recordStage,
  resolveIssue,
  type Db,
  type IngestResult,
} from '../../src/store/index.ts'
import { rules, settings } from './store-fixture.ts'

/** The ledger's day: Monday 30 November 2026 (no holiday near it), and its time of day in the titles. */
export const LEDGER_DAY = '2026-11-30'
export const LEDGER_TIME = '15:20'
/** The city's rules with a city to title the sheets with (CITY_NAME). */
export const LEDGER_RULES = { ...rules, city: '临江市' }

/**
 * A small city with what the 台账 must show, recorded the way the bot records it (messages parsed
 * and ingested, then resolved, assigned, recalled): three projects, five issues (red, yellow,
 * green, resolved, and one taken back), two progress reports. The expected sheets follow.
 */
export async function buildLedgerCity(db: Db): Promise<void> {
  const created = new Date('2025-01-01T00:00:00Z')
  const project = (name: string) => createProject(db, { name, county: '城东区', roomId: `${name}@chatroom`, roomTopic: `【项目】${name}推进群`, at: created })
  const materials = await project('新材料')
  const solar = await project('光伏组件')
  const pharma = await project('生物医药')
  const stage = (projectId: number) => ({ projectId, messageId: null, command: 'stage', actorId: null, at: created })
  await recordStage(db, stage(materials.id), 'signed', '2025-01-10')
  await recordStage(db, stage(materials.id), 'land', '2025-03-01')
  await recordStage(db, stage(materials.id), 'construction', '2025-05-05')
  await recordStage(db, stage(pharma.id), 'signed', '2026-06-01')

  let n = 0
  const say = async (projectId: number, who: string, at: string, text: string) => {
    const sentAt = new Date(`${at}+08:00`)
    const result = await ingestMessage(
      db,
      { wechatId: `ledger-${++n}`, projectId, roomId: `${projectId}@chatroom`, sender: { wechatId: `wxid_${who}`, name: who }, text, sentAt, receivedAt: sentAt },
      parseMessage({ body: text, sentAt }, { calendar: rules.calendar, timeZone: rules.timeZone }),
      settings,
    )
    return result as Extract<IngestResult, { duplicate: false }>
  }

  const power = await say(materials.id, '张科长', '2026-11-16T09:00:00', '施工用电还没接入，供电局说要等电力设施迁改')
  await say(materials.id, '李四', '2026-11-20T10:00:00', '环评批复还没下来')
  await say(materials.id, '张科长', '2026-11-24T15:00:00', '厂房主体已完成60%，预计12月底封顶')
  const land = await say(materials.id, '王五', '2026-11-25T09:30:00', '土地证还没办下来')
  const labour = await say(materials.id, '李四', '2026-11-27T16:00:00', '用工缺口还有200人，招工困难')
  await resolveIssue(
    db,
    { issueId: land.issues[0]!.id, text: '已协调自然资源局办结（见"11·27会议纪要", 第3条）', command: 'resolve', actorId: land.sender.id, messageId: null, at: new Date('2026-11-27T11:00:00+08:00') },
    rules.timeZone,
  )
  await assignIssue(db, { issueId: power.issues[0]!.id, assigneeId: labour.sender.id, actorId: power.sender.id, messageId: null, at: new Date('2026-11-17T09:00:00+08:00') })
  // Later messages about the power issue (another part of the bot records these as 'followed-up').
  for (const day of ['2026-11-18', '2026-11-23']) {
    await db
      .insertInto('issue_events')
      .values({ issue_id: power.issues[0]!.id, kind: 'followed-up', status: 'open', actor_id: power.sender.id, assignee_id: null, message_id: power.messageId, note: null, at: `${day}T01:00:00.000Z` })
      .execute()
  }

  await say(solar.id, '赵六', '2026-10-12T09:00:00', '用工缺口还有200人，招工困难')
  await say(solar.id, '赵六', '2026-11-26T09:00:00', '设备已进场调试，完成80%')
  const loan = await say(solar.id, '赵六', '2026-11-26T09:05:00', '融资贷款还没批下来，资金缺口很大')
  if (loan.issues.length !== 1) throw new Error('the loan message should raise an issue, to be taken back')
  // Recalled: the issue it raised is taken back and must appear nowhere.
  await recallMessage(db, { wechatId: `ledger-${n}`, roomId: `${solar.id}@chatroom`, senderWechatId: 'wxid_赵六' }, new Date('2026-11-26T01:06:00Z'))
}

/**
 * The sheets as a reader sees them (cells as displayed, empty as ''): the title row (its text in
 * the first cell, merged across), the header, then the rows, each opening with its 序号 (a
 * totals row has none).
 */
export const EXPECTED_SHEETS: Record<string, string[][]> = Object.fromEntries(
  Object.entries(expectedTables()).map(([name, [header, ...rows]]) => [
    name,
    [
      [`临江市督办台账 · ${name}（截至2026年11月30日 15:20）`, ...header!.map(() => '')],
      ['序号', ...header!],
      ...rows.map((row, i) => [row[0] === '合计' ? '' : String(i + 1), ...row]),
    ],
  ]),
)

/** Each sheet's columns and rows, without the title and 序号 every sheet has. */
function expectedTables(): Record<string, string[][]> {
  return {
    项目台账: [
      ['项目名称', '当前节点', '签约日期', '供地日期', '动工日期', '竣工日期', '投产日期', '本节点已历月数', '进展缓慢', '最新进度（%）', '最新进度', '进度日期', '报送人', '未办结问题', '超期', '临期', '最后发言日期'],
      ['新材料', '动工', '2025-01-10', '2025-03-01', '2025-05-05', '', '', '18', '是', '60', '厂房主体已完成60%，预计12月底封顶', '2026-11-24', '张科长', '3', '1', '1', '2026-11-27'],
      ['光伏组件', '未签约', '', '', '', '', '', '', '否', '80', '设备已进场调试，完成80%', '2026-11-26', '赵六', '1', '1', '0', '2026-11-26'],
      ['生物医药', '签约', '2026-06-01', '', '', '', '', '5', '否', '', '', '', '', '0', '0', '0', ''],
    ],
    问题台账: [
      ['项目名称', '编号', '专班', '问题', '提出人', '提出日期', '办结时限', '历时（工作日）', '状态', '预警', '办结人', '办结日期', '办结情况', '跟进次数', '责任人'],
      ['新材料', '1', '增资扩产和园区建设专班', '施工用电还没接入，供电局说要等电力设施迁改', '张科长', '2026-11-16', '2026-11-25', '10', '未办结', '超期', '', '', '', '2', '李四'],
      ['新材料', '2', '环保能耗配套和审批专班', '环评批复还没下来', '李四', '2026-11-20', '2026-12-01', '6', '未办结', '临期', '', '', '', '0', ''],
      ['新材料', '3', '土地工作专班', '土地证还没办下来', '王五', '2026-11-25', '2026-12-04', '2', '已办结', '', '王五', '2026-11-27', '已协调自然资源局办结（见"11·27会议纪要", 第3条）', '0', ''],
      ['新材料', '4', '用工保障专班', '用工缺口还有200人，招工困难', '李四', '2026-11-27', '2026-12-08', '1', '未办结', '正常', '', '', '', '0', ''],
      ['光伏组件', '1', '用工保障专班', '用工缺口还有200人，招工困难', '赵六', '2026-10-12', '2026-10-21', '35', '未办结', '严重超期', '', '', '', '0', ''],
    ],
    进度记录: [
      ['项目名称', '日期', '报送人', '节点', '进度（%）', '计划日期', '进度内容'],
      ['新材料', '2026-11-24', '张科长', '', '60', '2026-12-31', '厂房主体已完成60%，预计12月底封顶'],
      ['光伏组件', '2026-11-26', '赵六', '', '80', '', '设备已进场调试，完成80%'],
    ],
    专班汇总: [
      ['专班', '未办结', '其中超期', '本期新增（11月24日至11月30日）', '本期办结（11月24日至11月30日）'],
      ['土地工作专班', '0', '0', '1', '1'],
      ['金融工作专班', '0', '0', '0', '0'],
      ['项目审批验收服务专班', '0', '0', '0', '0'],
      ['用工保障专班', '2', '1', '1', '0'],
      ['工程施工安全监督专班', '0', '0', '0', '0'],
      ['增资扩产和园区建设专班', '1', '1', '0', '0'],
      ['环保能耗配套和审批专班', '1', '0', '0', '0'],
      ['产业项目兜底服务专班', '0', '0', '0', '0'],
      ['合计', '4', '2', '2', '1'],
    ],
    // Monday 11月30日's 通报, of 11月23日 to 11月29日: the most overdue first, then the most open.
    周通报: [
      ['专班（11月23日至11月29日）', '本周收到', '本周办结', '其中按期', '按期办结率', '办结用时中位数（工作日）', '未办结', '其中超期'],
      ['用工保障专班', '1', '0', '0', '—', '', '2', '1'],
      ['增资扩产和园区建设专班', '0', '0', '0', '—', '', '1', '1'],
      ['环保能耗配套和审批专班', '0', '0', '0', '—', '', '1', '0'],
      ['土地工作专班', '1', '1', '1', '100%', '2', '0', '0'],
    ],
  }
}

export const EXPECTED_COUNTS = { projects: 3, issues: 5, open: 4, overdue: 2, progress: 2 }
