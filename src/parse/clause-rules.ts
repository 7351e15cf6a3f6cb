import type { ClauseFacts } from './clause-facts.ts'
import { CONCRETE_PROBLEMS, STRONG_PROBLEMS } from './phrases.ts'
import type { Stage } from './types.ts'

/** What one clause of a message is doing. */
export type Role = 'question' | 'resolution' | 'progress' | 'issue' | 'neutral'

export interface Decision {
  role: Role
  /** A milestone the clause says has been reached. */
  stage?: Stage
  percent?: number
  /** Progress known only from a plan ("设备下周三进场"): after an issue it is the issue's own
   *  deadline talk ("施工方承诺10个工作日内整改完毕"), so it does not start a record of its own. */
  planOnly?: boolean
  /** An issue whose only problem words are 问题 / 反映: it may just name a known problem. */
  weakProblem?: boolean
}

/**
 * One rule of the clause table: the first rule, in order, that decides a clause gives its role.
 * test/unit/parse/rules.test.ts runs the examples (sent on Tuesday 2026-03-10): each clause of
 * `examples` is decided by this very rule with that role; no clause of `not` is decided by it.
 */
export interface ClauseRule {
  name: string
  /** What the rule found, for `npm run parse -- --explain` (Chinese: deployers read it). */
  says: string
  decide(f: ClauseFacts): Decision | null
  examples: readonly (readonly [string, Role])[]
  not: readonly string[]
}

/** Done-words count where nothing is planned or denied, and no part-way share is given ("拆除工作已完成70%"). */
const resolvedOk = (f: ClauseFacts) =>
  !f.planned() &&
  !f.has('demand') &&
  !f.has('resolved.negated') &&
  !f.has('condition') &&
  !f.has('order') &&
  !f.has('scheme') &&
  (f.percent() ?? 100) === 100

export const CLAUSE_RULES: readonly ClauseRule[] = [
  {
    name: 'rhetorical-complaint',
    says: '反问式抱怨，是问题',
    decide: (f) => (f.has('complaint.rhetorical') ? { role: 'issue' } : null),
    examples: [
      ['怎么又停电了', 'issue'],
      ['没有任何信息就停水停电企业要不要生存', 'issue'],
      ['为什么还不开工', 'issue'],
    ],
    not: ['什么时候开会'],
  },
  {
    name: 'request-question',
    says: '以提问方式提出的请求，是问题',
    decide: (f) => (f.has('request.question') ? { role: 'issue' } : null),
    examples: [
      ['人才公寓能不能帮忙协调一些?', 'issue'],
      ['能不能6月底前安排?', 'issue'],
    ],
    not: ['贷款批下来没有?'],
  },
  {
    name: 'question',
    says: '提问',
    decide: (f) => (f.has('question') ? { role: 'question' } : null),
    examples: [
      ['供地手续办到哪一步了?', 'question'],
      ['贷款批下来没有?', 'question'],
    ],
    not: ['施工许可证已经拿到'],
  },
  {
    name: 'purpose',
    says: '目的或意义（确保、奠定基础），不是计划也不是进度',
    decide: (f) => (f.has('purpose') ? { role: 'neutral' } : null),
    examples: [
      ['有力确保了项目快建成、早投产', 'neutral'],
      ['为该项目尽快完工奠定了良好基础', 'neutral'],
    ],
    not: ['确保5月底封顶'],
  },
  {
    name: 'stage-reached',
    says: '已到达节点',
    decide: (f) => {
      const reached = f.stage()
      if (!reached || f.planned() || reached.troubleAfter) return null
      return { role: 'progress', stage: reached.stage }
    },
    examples: [
      ['冷链物流园二期已开工', 'progress'],
      ['三期地块今天完成摘牌', 'progress'],
      ['一期工程去年12月4日正式动工建设', 'progress'],
      ['生产线点火成功', 'progress'],
    ],
    not: ['项目还没开工', '预计3月底封顶'],
  },
  {
    name: 'advice',
    says: '叮嘱或号召，不是提出问题',
    decide: (f) => (f.has('advice') && !CONCRETE_PROBLEMS.some((p) => f.has(p)) ? { role: 'neutral' } : null),
    examples: [['安全措施一定要到位', 'neutral']],
    not: ['吊篮安全锁没有检测，一定要整改'],
  },
  {
    name: 'weather-stop',
    says: '天气原因停工一天，不是问题',
    decide: (f) => (f.has('weather.stop') && !f.has('weather.long') && !f.has('problem.harm') && !f.has('problem.not-done') ? { role: 'neutral' } : null),
    examples: [
      ['今天下雨停工一天', 'neutral'],
      ['雨太大了', 'neutral'],
    ],
    not: ['连续暴雨停工一周', '暴雨停工影响工期', '还没通电只能停工一天'],
  },
  {
    name: 'format-request',
    says: '请按格式重新报送，不是问题',
    decide: (f) => (f.has('format.request') ? { role: 'neutral' } : null),
    examples: [['麻烦大家按模板重新报一下', 'neutral']],
    not: ['环评报告按要求重新编制'],
  },
  {
    name: 'no-problem-found',
    says: '说明没有问题',
    decide: (f) => (f.has('no-problem') ? { role: 'neutral' } : null),
    examples: [
      ['该次检查未发现有民工工资拖欠现象', 'neutral'],
      ['临时用电正常，暂无新问题', 'neutral'],
    ],
    not: ['还有问题没解决'],
  },
  {
    name: 'future-fix',
    says: '将来会解决，不是问题也不是已解决',
    decide: (f) => (f.has('fix.future') ? { role: 'neutral' } : null),
    examples: [['届时将彻底解决三层岩片区的污水排放问题', 'neutral']],
    not: ['问题已解决'],
  },
  {
    name: 'resolved',
    says: '已解决（办结、落实、恢复、接通……）',
    decide: (f) => ((f.has('resolved.strong') || f.has('resolved.done')) && resolvedOk(f) ? { role: 'resolution' } : null),
    examples: [
      ['问题已解决', 'resolution'],
      ['已经协调好了', 'resolution'],
      ['16日下午3时,全园区终于恢复供电', 'resolution'],
    ],
    not: ['要求10个工作日内办结', '还没有解决', '整改完毕经复查后才能复工', '园区纬三路还没修通', '限24小时内整改到位', '开工前必须拿到证'],
  },
  {
    name: 'percent',
    says: '完成百分比',
    decide: (f) => {
      const percent = f.percent()
      return percent === null ? null : { role: 'progress', percent }
    },
    examples: [
      ['主体结构完成60%', 'progress'],
      ['已完成项目总工程量的94.75%', 'progress'],
    ],
    not: ['主体结构基本完成'],
  },
  {
    name: 'problem',
    says: '有困难或诉求',
    decide: (f) => {
      const strong = STRONG_PROBLEMS.some((p) => f.has(p))
      if (!strong && !f.has('problem.noun')) return null
      return { role: 'issue', weakProblem: !strong }
    },
    examples: [
      ['施工许可证还没批下来', 'issue'],
      ['资金缺口较大', 'issue'],
      ['较预计进度落后0.15个百分点', 'issue'],
      ['导致扬尘严重', 'issue'],
      ['上周反映的用工问题', 'issue'],
    ],
    not: ['主体结构完成60%', '设备已经进场'],
  },
  {
    name: 'resolved-on-topic',
    says: '已完成，且说的是某个专班的事',
    decide: (f) => (f.has('resolved.weak') && resolvedOk(f) && f.topic() && !f.has('activity') && !f.has('preparation') ? { role: 'resolution' } : null),
    examples: [
      ['电力线路已迁走', 'resolution'],
      ['燃气管道已到位', 'resolution'],
    ],
    not: ['主体结构已完成', '节能报告初稿已经完成', '设备采购合同已经签了'],
  },
  {
    name: 'meeting',
    says: '会议、假期或值班安排，不是进度',
    decide: (f) => (f.has('meeting') && !f.mentionsStage() ? { role: 'neutral' } : null),
    examples: [['节后调度会改在4月8日(周三)上午9点', 'neutral']],
    not: ['开工仪式定于5月15日上午举行'],
  },
  {
    name: 'work-done',
    says: '现场工作已完成或在进行',
    decide: (f) => (f.has('activity') && f.has('done') && !f.planned() ? { role: 'progress' } : null),
    examples: [
      ['主体完工了', 'progress'],
      ['设备已全部到场安装', 'progress'],
      ['目前该项目已进入到外立面安装和室内装修阶段', 'progress'],
    ],
    not: ['计划下月安装设备'],
  },
  {
    name: 'plan',
    says: '有日期或有施工内容的计划',
    decide: (f) => {
      const reached = f.stage()
      const work = f.has('activity') && (f.dated() || f.has('done') || f.has('plan'))
      const planned = (reached !== null && f.planned() && !reached.troubleAfter) || (f.has('plan') && f.dated())
      return work || planned ? { role: 'progress', planOnly: true } : null
    },
    examples: [
      ['预计3月底封顶', 'progress'],
      ['设备下周三进场', 'progress'],
      ['计划2020年建成', 'progress'],
      ['计划春节后动工', 'progress'],
    ],
    not: ['计划下周开会'],
  },
]
