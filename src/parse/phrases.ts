import { CharacterGate } from './required-chars.ts'
import { any, gap } from './pattern-pieces.ts'

/**
 * The phrase families that tell what a clause is doing, as data: each a name, the regular
 * expressions that show it, example clauses that must show it and look-alikes that must not. Adding
 * a phrase is one edit here; test/unit/parse/rules.test.ts runs every example and look-alike.
 * Long patterns are built from the named pieces below (as chrono-node's zh parsers are), so that no
 * line of the table is longer than a person reads at once.
 */
export interface PhraseFamily {
  name: string
  /** Regular-expression alternatives; a text shows the family when one of them matches. */
  patterns: readonly string[]
  examples: readonly string[]
  not: readonly string[]
  /** Set on the problem families only: what kind of trouble the family says (PROBLEM_TRAITS). */
  problem?: ProblemTraits
}

/**
 * What a problem family says, so that the rules ask for "a concrete problem" and the like instead
 * of keeping their own lists of family names.
 */
export interface ProblemTraits {
  /** It raises a problem on its own (problem.noun only names one: "上周反映的用工问题"). */
  strong: boolean
  /** It says what is wrong, not only what is wanted ("还没接通", not "麻烦协调一下"). */
  concrete: boolean
  /** Right after a stage word it makes the clause about the trouble: "签约快一年了还没供地". */
  troubleAfterStage: boolean
  /** It only asks for something ("麻烦", "希望"): a request of no team is no problem of any team. */
  requestOnly: boolean
}

// --- Named pieces ------------------------------------------------------------------------------

/** 已 or 已经 before a done-word: "已解决", "已经协调好了". */
const ALREADY = '已(?:经)?'
/** Papers that are granted: a reply document, a permit, a certificate. */
const PAPERS = any('批复', '批件', '批文', '担保函', '函', '证书?', '证照', '合格书', '许可证?')
/** Checks that are passed: "验收合格", "复查通过". */
const CHECKS = any('复审', '审查', '验收', '评审', '检测', '复验', '复查', '监测')
/** Works on a line or a site that are finished as a fix: "迁改完成", "抢修完毕". */
const FIX_WORKS = any('迁改', '迁移', '拆除', '清理', '整改', '覆盖', '修复', '抢修', '维修', '检修', '接驳', '搬迁')
/** Services switched on: "通水了", "已送电". */
const SWITCHED_ON = any('放款', '到账', '拨付', '核发', '通水', '通电', '通气', '通车', '送电', '开通', '调通', '装好', '提货', '放行')
/** Done-words that close a problem on their own: "已解决", "已办妥". */
const SETTLED = any('解决', '落实', '协调好', '协调完', '办结', '办好', '办妥', '处理', '批复', '修好', '修复', '疏通', '搞定', '理顺', '谈妥')
const SETTLED_MORE = any('兑现', '调解好', '化解', '核发', '拨付', '到账', '放款')
/** The same, with 了 after: "解决了", "谈妥了". */
const SETTLED_LE = any('解决', '落实', '协调好', '办结', '办好', '办妥', '处理好', '修好', '修复', '疏通好', '搞定', '谈妥', '批复', '调解好', '化解')
/** Papers and money that come down: "批下来了", "贷款已经放下来了". */
const COME_DOWN = any('批', '办', '放', '拿', '发')
/** The perfective after a done-word, Mandarin or Cantonese: "通了", "通咗", "够晒", "入到喇". */
const DONE_MARK = '(?:了|咗|晒|喇|啦)'
/** Services a project waits for: "临时用电", "气", "水", "第二路电源". */
const SERVICES = any('水', '电', '气', '网', '电源', '线路', '信号', '专线', '管道', '蒸汽')
/** Reviews that pass: "审批通过", "审核通过". */
const REVIEWS = any('审批', '审查', '评审', '审核', '论证', '联审')
/** Verbs of a fix, made done by 好/平/完: "调剂好了", "迁好了", "填平", "铺好咗" (not 谈好: the work is still to do). */
const FIX_VERBS = any('修', '装', '铺', '填', '迁', '移', '搬', '拆', '清', '(?<!对)接', '驳', '调剂', '处理', '协调', '整改', '补')
/** Those who blocked a project: "村民", "老板", "两户". */
const PEOPLE = any('村民', '群众', '居民', '老板', '业主', '对方', '他们', '农户', '[\\d两三几]+户')
/** A time named by a word, not a date: "开工前", "节前", "20号前", "0号前". */
const DEADLINE_WORD = any('[\\d一二三四五六七八九十]+(?:号|日)', '节', '年', '春节', '国庆', '月底', '月中', '开工', '动工', '投产', '试产', '封顶', '进场')
/** Weather: "下雨", "暴雨", "台风", "高温". */
const WEATHER = any('下雨', '降雨', '雨天', '暴雨', '大雨', '雷雨', '下雪', '大雪', '大风', '台风', '高温', '冰冻', '雨太大', '雨很大')
/** What people are invited to raise: "有什么问题", "遇到卡点". */
const TROUBLES = any('问题', '困难', '难题', '诉求', '卡点', '堵点', '难处')
/** Words that open a stage negation: "还没", "影响", "能否". */
const NEGATING = any(
  '没',
  '未',
  '不',
  '无法',
  '影响',
  '能否',
  '能不能',
  '才能',
  '等(?![\\d一二两三四五六七八九十几多]+个?(?:项目|家|个))',
  '要',
  '需',
  '擅自',
  '违规',
  '想',
  '盼',
  '否则',
  '不然',
  '待',
  '方可',
  '以后',
  '之后',
  '原定',
  '原打算',
  '本来',
  '迎接',
  '每天',
  '天天',
  '每晚',
  '经常',
  '总是',
  '老是',
  '可以',
)

const FAMILIES = [
  // --- Whole messages that report nothing --------------------------------------------------------
  {
    name: 'notice',
    patterns: [
      // To the units, not to the leaders: "请各位领导知悉" closes a report.
      '请(?:各(?!位领导)|大家|项目方|相关单位|各位(?!领导))',
      `各(?:项目|工地|单位|专班|部门|企业)${gap(8)}?(?:要|务必|请|须|需|注意|按时|准时|抓紧|及时|做好|开展|落实)`,
      `【?转发】?[:：]|【转发】|印发(?:了)?${gap(2)}(?:《|关于)`,
      '通知(?!书)',
      '注意(?:安全|防|工地)|值班|报备|抓紧申报|及时申报|见附件',
    ],
    examples: [
      '明天下午两点开协调会,请各单位准时参加',
      '【转发】省政府印发关于加快项目建设的意见',
      '各项目注意防台风',
      '五一假期值班安排见附件',
      '各专班要及时响应',
    ],
    not: ['已下发责令改正通知书', '请供电局协助尽快接入', '为不影响县府各单位业务正常运作', '请各位领导知悉'],
  },
  {
    // An invitation to raise problems is no problem raised: "有什么问题直接在群里提".
    name: 'invitation',
    patterns: [
      `${any('有', '遇到', '碰到')}(?:什么|任何|需要)?[^,，。!?]{0,14}${TROUBLES}[^,，。!?]{0,4}(?:尽管|直接|随时|及时)?(?:在群里)?(?:提|反映|说)`,
    ],
    examples: ['项目上有什么问题直接在群里提', '大家有需要县委县政府协调解决的难题尽管提出来', '企业遇到卡点直接在群里说'],
    not: ['施工许可还有问题没解决'],
  },
  {
    // Closing courtesies of a report, taken off before it is read: "请各位领导审阅", "特此报告".
    name: 'courtesy',
    patterns: [
      '请(?:各位)?(?:领导)?(?:审阅|阅示|指示|批示|审示|指正)',
      '特此(?:报告|汇报|报告如上)',
      '(?:^|[。!\\n])\\s*以上(?:情况|内容)?(?:[,，]?(?:请|妥否|供参考|汇报完毕|报告完毕)[^。!\\n]{0,8})?[。!]?\\s*$',
      '妥否[,，]?请批示',
    ],
    examples: ['请各位领导审阅', '请领导指示', '特此报告', '以上情况请指示'],
    not: ['请供电局协助', '以上报价含税'],
  },

  // --- What a clause is doing -------------------------------------------------------------------
  {
    // A complaint put as a question is a complaint: "怎么又停电了", "到底什么时候才能开工啊".
    name: 'complaint.rhetorical',
    patterns: [
      '怎么又|又(?:停|坏|断|漏|堵)了|老是|总是|老(?:停|断|坏)',
      `要不要生存|还让不让|为什么还(?:不|没)|到底什么时候|等了${gap(4)}(?:年|个月)了`,
    ],
    examples: ['怎么又停电了', '没有任何信息就停水停电企业要不要生存', '我们都等了三年了到底什么时候才能开工啊'],
    not: ['什么时候开会'],
  },
  {
    // A request put as a question is a request: "人才公寓能不能帮忙协调一些?", "看看有没有办法".
    name: 'request.question',
    patterns: [
      '(?:能不能|可不可以|能否|可否)[^,，。?？]{0,10}(?:帮忙|协调|安排|解决|办理|提供|加快|支持|给)',
      '有没有办法|有什么办法|看看(?:有没有|能不能)',
    ],
    examples: ['人才公寓能不能帮忙协调一些?', '麻烦帮忙对接一下金融办看看有没有办法', '能不能6月底前安排?'],
    not: ['贷款批下来没有?'],
  },
  {
    name: 'question',
    patterns: ['[?？]$', '吗$', '呢$', '什么时候|啥时候|何时|哪一步|几点|是否|有没有|要不要|多久|怎么办|怎么样|能不能[^,，。]*[?？吗]'],
    examples: ['供地手续办到哪一步了?', '下周的调度会还开吗', '环评批复大概什么时候能下来'],
    not: ['施工许可证已经拿到'],
  },
  {
    // Plans, not facts.
    name: 'plan',
    patterns: [
      '预计|计划(?![」》”书表])|争取|力争|将于|将在|将要|定于|定在|拟|准备|有望|确保|打算|预期|即将|马上|尽快',
      '下周|下个?月|近期|拚|拼',
      '(?:节|春节|国庆|元旦|五一|年|冬至)(?:后|以后|之后)',
    ],
    examples: ['预计3月底封顶', '计划春节后动工', '力争6月中旬完成供地', '将于6月下旬组织验收', '拚2027年启用'],
    not: ['主体结构已封顶', '「石门水库至新竹联通管计划」去年8月开工'],
  },
  {
    // Advice and exhortation are no problem raised: "安全措施一定要到位", "有问题坐下来谈，不要激化矛盾".
    name: 'advice',
    patterns: ['一定要|务必|要高度重视|高度重视|不要|注意(?!到)|要常抓不懈|要盯紧|要抓紧'],
    examples: ['安全措施一定要到位', '一定要高度重视', '不要激化矛盾'],
    not: ['施工许可证还没批下来'],
  },
  {
    // Meetings, holidays and ceremonies scheduled are no progress: "节后调度会改在4月8日上午9点".
    name: 'meeting',
    patterns: ['调度会|协调会|推进会|座谈会|例会|会议|开会|专题会|培训|放假|假期|上班|值班'],
    examples: ['节后调度会改在4月8日(周三)上午9点', '清明假期4日至6日'],
    not: ['主体结构完成60%'],
  },
  {
    // Why something is done, not a plan or a fact of its own: "有力确保了项目快建成".
    name: 'purpose',
    patterns: [
      '有力(?:确保|保障|推动|促进)',
      `为${gap(20)}(?:奠定|提供|创造)${gap(6)}(?:基础|条件|保障)`,
      `助力|迎接${gap(16)}阶段`,
    ],
    examples: ['有力确保了项目快建成、早投产', '为该项目尽快完工奠定了良好基础', '迎接项目另一个建设转折点试生产阶段'],
    not: ['确保5月底封顶'],
  },
  {
    // A check that found nothing wrong: "未发现拖欠现象", "暂无新问题".
    name: 'no-problem',
    patterns: [
      '未(?:发现|出现)|没有(?:发现|出现)|(?:暂|均)?无(?:新增?)?(?:安全)?(?:问题|隐患|困难)|没有?问题|一切正常|运行正常',
      '(?:没|没有|不)再(?:跳闸|停|坏|漏|出现|发生)',
    ],
    examples: ['该次检查未发现有民工工资拖欠现象', '暂无新问题', '无新增问题'],
    not: ['还有问题没解决'],
  },
  {
    // A fix to come is neither the problem nor its end: "届时将彻底解决…问题".
    name: 'fix.future',
    patterns: ['(?:将|可以|能够|可望|有望|就能|才能)(?:彻底|全面|有效|基本)?解决|正好可以解决'],
    examples: ['届时将彻底解决三层岩片区的污水排放问题', '这批务工人员正好可以解决年后开工的用人缺口'],
    not: ['问题已解决'],
  },
  {
    // Negation or hypothesis just before a stage word.
    name: 'stage-negated-before',
    patterns: [`${NEGATING}${gap(8)}$|先$`],
    examples: ['还没', '影响明年一季度', '按规定不能', '原打算正月初八就全面', '每天凌晨六点就'],
    not: ['项目今天正式', '目前春天国际学校项目等8个项目已'],
  },
  {
    // Trouble right after a stage word.
    name: 'stage-negated-after',
    patterns: [
      `^${gap(3)}(?:受影响|受阻|推迟|延期|延后|还没|无法|不了|困难|暂停|停了|以来)`,
      `^${gap(8)}(?:低于|落后|滞后)`,
      '^(?:前|之前|以前|时|要|需|需要|的)',
    ],
    examples: ['受影响', '推迟到下月', '还没有时间表', '以来进展顺利', '项目低于时序进度', '前要招120个操作工', '时县里答应的标准厂房代建'],
    not: ['仪式顺利举行'],
  },
  {
    // Problem words that only name a problem already known: "上周反映的用工问题".
    name: 'problem.noun',
    patterns: ['问题|反映'],
    examples: ['上周反映的用工问题'],
    not: ['用工已经补上'],
    problem: { strong: false, concrete: false, troubleAfterStage: true, requestOnly: false },
  },
  {
    name: 'problem.not-done',
    patterns: [
      '就等|还在等|只等|等着|在等|还没|没有|没(?!事)|未(?:能|完成|落实|到位|批|办|签|动|接|开|通|同步|达)|尚未',
      '不到位|还差|差了|不下来|不出去|不了|不通|不到(?!位)|只差|就差|找不到|招不到|不见(?:进展|动静)',
    ],
    examples: ['施工许可证还没批下来', '还有两户未签协议', '目前只差用地经费最后一个主要环节'],
    not: ['没事了'],
    problem: { strong: true, concrete: true, troubleAfterStage: true, requestOnly: false },
  },
  {
    name: 'problem.short',
    patterns: ['缺|不够|不足|不畅|痛点|紧张(?!有序|施工|建设|作业|奋战)|偏高|超标|太高|太大|涨|压力|超支|追加'],
    examples: ['资金缺口较大', '能耗指标远远不够', '仍须向立法会追加拨款'],
    not: ['资金已经到账', '经过1年半紧张有序的建设'],
    problem: { strong: true, concrete: true, troubleAfterStage: true, requestOnly: false },
  },
  {
    name: 'problem.stuck',
    patterns: [
      '卡住|卡在|卡着|拖|受阻|迟迟|进不去|进不了|进不来|退回|(?<!拟|将|组织|准备|计划)重新|要等|跟不上|赶不上|对不上|缓慢|太慢|慢了|很慢',
      '滞后|延迟|延期|延误|(?<!不)停工|被堵|堵塞|压烂|坏了',
      `落后|低于${gap(4)}进度|未如预期|不及预期|推迟|往后推|中断|受损|停电|停水|断电|停产|停运|暂时停|暂停`,
      '卡点|难点|堵点|瓶颈|挡住|挡着|断了|挖断|掉线|不达标|不合格',
    ],
    examples: ['报建卡住了', '较预计进度落后0.15个百分点', '有25宗动工项目低于时序进度', '造成交通中断', '致园区企业连续停电3天'],
    not: ['报建已经办好', '清明放假工地不停工', '拟组织重新招标'],
    problem: { strong: true, concrete: true, troubleAfterStage: true, requestOnly: false },
  },
  {
    name: 'problem.conflict',
    patterns: ['不肯|谈不拢|不拢|不同意|不配合|阻工|阻挠|纠纷|争议|扯皮|意见很大|意见大|有意见|投诉|又来问|留不住|减人|不满'],
    examples: ['两户村民不肯签字', '居民打12345投诉', '履约争议调解'],
    not: ['两户村民都签字了'],
    problem: { strong: true, concrete: false, troubleAfterStage: true, requestOnly: false },
  },
  {
    name: 'problem.danger',
    patterns: [
      '隐患|(?<!高)风险|事故|意外|坠落|身亡|死亡|塌方|坍塌|漏水|裂缝|中暑|晕倒|受伤|伤亡|骨折|滑落|摔伤|跳闸',
      '不规范|很差|擅自|违规|违反|违法',
    ],
    examples: ['存在安全隐患', '一名建筑工人从高处坠落', '未经审批就擅自开工建设'],
    not: ['高风险作业已经全部结束'],
    problem: { strong: true, concrete: true, troubleAfterStage: false, requestOnly: false },
  },
  {
    name: 'problem.harm',
    patterns: [
      `导致|造成|致使|以致|使得${gap(8)}(?:无法|不能|难)|扰民|不堪|睡不着|头疼|不便|制约|严重影响`,
      '(?:满天|漫天)的?(?:沙尘|灰尘|尘土)|尘土飞扬',
      '(?<![不没未]|环境)影响(?:了)?(?:工期|工程|进度|施工|生产|通行|出行|正常|居民|企业|项目|开工|挂牌)',
    ],
    examples: ['导致扬尘严重', '严重影响居民正常休息', '交通不便也制约整个产业的发展', '影响工程进度', '大家不堪其扰', '大车经过就扬起了满天的沙尘'],
    not: ['奠定了良好基础'],
    problem: { strong: true, concrete: false, troubleAfterStage: false, requestOnly: false },
  },
  {
    name: 'problem.request',
    patterns: [
      '麻烦|协调一下|帮忙|希望|(?<!按照?)要求|必须|需在|须在|请在|要落实|需落实|落实住房|限期|整改意见|方可',
      '着急|(?<!应)急(?!救)|不能|无法|困难|(?<!克)难(?!度系数)|(?<![不没未]|环境)影响',
      '需要(?:协调)?解决|待解决|亟待|亟需|急需',
      `(?:前|之前|以前)(?:要|必须|务必|一定要)|最好${gap(12)}(?:前|之前)|请(?:按|在|于)?${gap(8)}(?:前|之前)`,
      '责令|约谈|整改通知|限[一二两三四五六七八九十\\d]+(?:日|天|小时|个工作日)内',
    ],
    examples: ['麻烦协调一下', '希望人社局帮忙招一下', '责令改正通知书限期2日内完成整改'],
    not: ['供电线路已经接通', '应急管理局参加', '攻坚克难'],
    problem: { strong: true, concrete: false, troubleAfterStage: true, requestOnly: true },
  },
  {
    // A demand is never a close: what must be done by a time is still to do ("开工前必须拿到证",
    // "节前必须办下来", "20号前要送上电"), whatever done-word it names. It only keeps a clause from
    // closing: whether it raises a problem is for the problem words ("必须" is a request; a plan
    // with a deadline, "下月15号前完成安装调试", is a plan).
    name: 'demand',
    patterns: [
      '必须|务必|一定要|非得|才能|才可以|才行',
      `${DEADLINE_WORD}前(?!天|期|面|段)(?:一定|务必|必须)?(?:要|得|须|需|拿到|办好|办下来|到位|完成|送上|放款|签)`,
    ],
    examples: ['开工前必须拿到证', '排污许可证节前必须办下来', '0号前拿到证', '20号前要送上电'],
    not: ['前天已经拿到证', '证已经拿到了'],
  },
  {
    // Weather that stops work for a day is no problem for a team: "今天下雨停工一天", "雨太大了".
    name: 'weather.stop',
    patterns: [
      `${WEATHER}${gap(8)}(?:停工|歇|停一天|停半天|暂停施工|停止施工|不能施工|没法施工|无法施工|施工不了)`,
      `^${gap(2)}(?:雨|雪|风)(?:下得)?(?:太|很|特别|好)大(?:了|啦)?$`,
      // A day's stop, the weather told in the clause before: "今天暴雨，工地停工一天".
      '(?:停工|歇工?|停)(?:一|半|1)天',
    ],
    examples: ['今天下雨停工一天', '雨太大了', '台风天工地暂停施工', '工地停工一天'],
    not: ['施工许可还没批停工三天了', '雨污管网还没接'],
  },
  {
    // A stop that lasts is a problem again: "连续暴雨停工一周".
    name: 'weather.long',
    patterns: ['连续|一直|持续|多天|几天|[一二两三四五六七八九十\\d]+(?:周|个?星期|个月)'],
    examples: ['连续暴雨停工一周'],
    not: ['今天下雨停工一天'],
  },
  {
    // Asking people to report again in the right form is housekeeping: "请按群公告的格式重新报一下".
    name: 'format.request',
    patterns: [
      `(?:按|按照|参照|用|套)${gap(10)}(?:格式|模板|模版|样式|表格|表样)${gap(8)}(?:重新|再|统一)?(?:报|发|填|提交|上报|整理)`,
      `(?:格式|模板|模版)${gap(6)}(?:不对|不规范|错了|不统一)`,
    ],
    examples: ['请大家按群公告的格式重新报一下本周进度', '麻烦按模板再发一遍', '格式不对的重新发'],
    not: ['环评报告按要求重新编制'],
  },
  {
    // Done with: each needs a perfective marker (已 before, 了 after, or a result word).
    name: 'resolved.strong',
    patterns: [
      // Settled: "问题已解决", "已经协调好了", "谈妥了", "整改完毕", "复查合格".
      `${ALREADY}(?:全部)?(?:妥善)?(?:${SETTLED}|${SETTLED_MORE})`,
      `${SETTLED_LE}了`,
      '整改(?:完毕|完成|到位了|到位)|复查(?:合格|通过)',
      '^(?:已)?(?:办结|解决|搞定|办好了)$',
      // Switched on or come down: "已经通电", "贷款已经放下来了".
      `(?:已|已经)(?:通车|接通|通水|通电|通气)|${ALREADY}${COME_DOWN}下来|${COME_DOWN}下来了`,
      '(?:问题|的事|事情)(?:(?!需|要|待|请|尽快|协调)[^,，。]){0,4}(?:解决|办结|落实|搞定)(?:了)?$',
      `(?:及时|已)(?:办理|颁发|核发)了|完成了?${gap(4)}(?:受理|审批|批复|发证)|完成\\d*%?(?:签约|征收|拆迁)任务`,
      // Improved: "扬尘现象已得到改善", "解了燃眉之急".
      '得到(?:了)?(?:有效|妥善|圆满)?(?:解决|处理|落实|改善|缓解)',
      '(?:已|明显|有所)(?:好转|改善|缓解)|好转了?$|方便多了|解了燃眉之急',
      // Restored: "全园区终于恢复供电".
      '(?:已|已经|顺利|终于|全面|很快就?|又)(?:全部)?恢复(?:了)?|恢复了',
      `恢复(?:正常)?${gap(4)}(?:供电|供水|供气|通行|通车|运行|生产|作业|施工)`,
      '多亏|幸亏',
      '送上了?电|来电了|(?:正式|顺利|实现(?:了)?(?:单向|双向)?)通车|(?:抢|修|打)通了?|(?<!推进[^,，。]{0,8})(?:率先)?获批',
      // Fix works finished: "成功完成迁改工作", "裸露黄土全部覆盖到位".
      `${FIX_WORKS}(?:工作)?(?:已|已经)?(?:全部|均|顺利)?(?:完成|到位|完毕)`,
      `(?:成功|顺利)完成(?:了)?${gap(12)}(?:迁改|迁移|整改|修复|抢修|检修|接驳)`,
      // People found: "招到了40多名务工人员", "已全部到岗".
      `(?:招到|调集|补上)(?:了)?${gap(6)}\\d+(?:多)?名|已(?:全部)?到岗|都到岗|到岗了|恢复满负荷`,
      `${SWITCHED_ON}了|${ALREADY}(?:开通|调通|送电|通电)`,
      // Checks passed and papers granted: "复查合格", "批复已经下来了".
      `${CHECKS}${gap(6)}(?:合格|通过|达标)`,
      `${PAPERS}${gap(4)}(?:出了|出来了|下来了|出具|印发了|核发了|颁发)`,
      `(?:全部|已经?)${gap(4)}(?:拆除|清场)`,
      `具备${gap(4)}条件|(?:均?表示|非常)满意|(?:可以)?销号|运转正常|清关`,
      `(?:领到|拿到|取得)(?:了)?${gap(2)}(?:证|许可)|${ALREADY}(?:书面)?(?:回复|答复)(?!说|称)|调剂下来`,
      `(?:批复|批文|证书?)${gap(6)}(?:收到|拿到)了`,
      // Signed and reported: "两户都签字了", "学生已经插班上课".
      '(?:都|全部)签(?:字了?|约)|(?:已经?)?签字了|签完了|插班上课|(?:全部|都已?|已经?)报到',
      `(?:人员|人手|工人)(?:已经?)?够了|补上了|签(?:了|订了?)${gap(6)}(?:拆迁|征收|补偿|安置)协议`,
      `(?:征地|拆迁|征收)${gap(2)}(?:工作)?全部完成`,
      `(?:办好|办妥|落实)[^,，。]{1,6}了$|拿到(?:了)?钥匙|(?:证|批复|许可)${gap(4)}拿到了`,
      '已经?[^,，。]{1,8}(?:修好|装好|铺好|弄好|办好|搞好|处理好|接好)了$',
      '可以正常|恢复正常|正常(?:进出|通行|生产|使用|运行)',
    ],
    examples: [
      '问题已解决',
      '融资的事已落实',
      '已经协调好了',
      '整改完毕',
      '复查合格',
      '办结',
      '贷款已经放下来了',
      '扬尘现象已得到改善',
      '16日下午3时,全园区终于恢复供电',
      '经过4天的紧张作业,供电公司为项目建设现场送上了电',
      '成功完成迁改工作',
      '裸露黄土全部覆盖到位',
      '震裕科技此次招到了40多名务工人员',
    ],
    not: ['要求10个工作日内办结', '还没有解决'],
  },
  {
    // Completion statements the closing messages of a problem use, beyond the words above: a
    // service on again, a paper granted, money paid out, a shortage filled, a fix made, people who
    // blocked agreeing, the way open again. Cantonese perfectives count (咗, 晒, 喇): "水通咗".
    name: 'resolved.done',
    patterns: [
      // Service on: "临时用电今天通了", "气通了", "第二路电源今天下午送上了", "送电成功".
      `${SERVICES}${gap(6)}(?:已经?|也|都)?(?:通|来|送上|接上|接通|驳好)${DONE_MARK}`,
      `(?:送电|通水|通气|通电|并网)成功|(?:已经?|正式)投运|双电源已具备`,
      // Papers granted: "同意书省林业局今天批了", "审批通过" (not a plan passed by the planning board), "复验今天上午过了".
      `(?<!方案${gap(4)})(?<![没未不])批${DONE_MARK}(?!没|吗)|${REVIEWS}${gap(6)}(?:已经?)?(?:审批)?通过|${CHECKS}${gap(6)}过${DONE_MARK}`,
      `${PAPERS}${gap(6)}(?:领到|攞到|拿到|到手|核发|颁发|下发|已更新)|出了合格|可以受理了|可以(?:按证)?(?:生产|排污|开工)$`,
      // Money paid out: "打到工资专户", "剩下2000万今天也放了", "拨咗落嚟", "提款到账".
      `(?:打|发|转|拨|汇|放)${gap(8)}(?:到账|专户|卡上|账户|手上|手里)|(?:拨|批|放|发)(?:咗|了)?落嚟`,
      `[万亿]${gap(6)}(?:放|拨|到账|到位)${DONE_MARK}?$|(?:资金|贷款|款项?)${gap(4)}(?:全部|已经?)到位|结汇${gap(4)}搞掂`,
      // A shortage filled: "钢筋工也招齐了", "机修工已经够了", "8个都留下了".
      `招齐|补齐|配齐|招满|(?:已经?|都|也|已)补上|(?<![不没])够(?:了|晒)|都留下|已(?:经)?(?:分配|安排好|落实好)`,
      // A fix made: "总量指标已经调剂好了", "三座坟也迁好了", "坑已经填平", "水稳铺好咗".
      `${FIX_VERBS}(?:好|平|完|掂|妥)(?:了|咗|喇|晒)|(?:已|已经)${gap(2)}${FIX_VERBS}(?:好|平|妥)|搞掂|倾好`,
      // People who blocked agree: "村民已经撤了", "老板同意了", "村民表示理解", "没有人再来堵了".
      `${PEOPLE}${gap(8)}(?:已经?)?(?:撤(?:了|离)|同意了|表示理解|签(?:了|字))|没有?人再来`,
      // The way open again: "车可以进了", "路口已经放开了", "钻机车入到喇", "水车可以撤喇".
      `(?:可以|能)(?:进|通行|放开|撤|进场)${gap(4)}(?:了|喇|啦)|放开了|入到喇|(?:出入|进出|通行|通信|供水|供气|供电|水压)${gap(2)}正常`,
      // Told as a story: a service laid or supplied ("电力专线已经按照先前承诺铺设完成", "提前供气"),
      // people arrived ("80多名员工已入驻"), money received ("收到了信用联社的1000万信贷资金"),
      // a way opened ("成功开辟新路口") and the relief idioms ("迎刃而解", "排忧解难", "雪中送炭").
      `${SERVICES}${gap(14)}(?:铺设|架设|敷设|接驳|迁改|改造|安装)(?:工作)?(?:已经?|全部|顺利)?(?:完成|完毕|到位)`,
      `(?:提前|顺利|按时|如期|正式)(?:供气|供电|供水|送电|通水|通气|通电|通车)`,
      `(?:员工|工人|人员|技工|务工人员)${gap(4)}(?:已经?|都|全部)(?:入驻|到岗|上岗|进厂|报到|返岗)`,
      `收到(?:了)?${gap(16)}(?:资金|贷款|信贷|款项|补贴|奖励|拨款)|接到了${gap(10)}(?:审批|批复)`,
      `成功(?:开辟|打通|开通|破解|化解|协调)|迎刃而解|排忧解难|雪中送炭|纾困解难|缓解了`,
      // Loans got, fixes made on the spot, blockages cleared: "3天内拿到了350万元贷款", "成功发放了首笔贷款",
      // "经复查已整改", "立行立改", "当场就能办好", "最后一个堵点顺利疏通", "帮助解决用电问题".
      `(?:拿到|获得|发放|投放)(?:了)?${gap(24)}(?:贷款|信贷|授信)`,
      `(?:已|已经)整改|立行立改|进行了${gap(4)}整改|当场(?:就)?(?:能)?(?:办好|办结|拿到)|及时到位`,
      `顺利(?:疏通|打通|解决|化解)|(?:堵点|难点|卡点)${gap(4)}(?:疏通|打通)|帮助(?:企业)?解决了|无忧`,
    ],
    examples: [
      '临时用电今天通了',
      '气通了',
      '第二路电源今天下午送上了',
      '粤隆的使用林地审核同意书省林业局今天批了',
      '消防复验今天上午过了',
      '环评审批已经通过',
      '不动产权证今天领到了',
      '总包已经把拖欠的38万元打到工资专户',
      '剩下2000万今天也放了',
      '钢筋工也招齐了',
      '机修工已经够了',
      '蓝拓的总量指标区里已经调剂好了',
      '村民已经撤了',
      '车可以进了',
      '通信正常',
      '电力专线已经按照先前承诺铺设完成',
      '这80多名员工已入驻',
      '第二天就收到了信用联社的1000万信贷资金',
      '园区的困境迎刃而解',
      '3天内拿到了350万元贷款',
      '经复查已整改',
      '最后一个堵点顺利疏通',
    ],
    not: ['用电还没通', '林地审核还没批', '能耗指标远远不够', '人手不够了', '车进不去', '批了没有', '和担保公司对接好了', '规委会审议通过了规划方案', '增容方案今天批了', '希望帮助解决用电问题', '将秉承帮助企业解决实际困难的原则'],
  },
  {
    // Weaker words for done, resolving only where the clause names a problem's topic.
    name: 'resolved.weak',
    patterns: [
      `${ALREADY}(?:全部)?(?:完成|通过|接通|拿到|移走|迁走|到位|解除|恢复|通了|覆盖|接入)|(?:接通|通过|拿到|到位|覆盖)了|都通了`,
      // A signing closes only a problem about what was signed: "拆迁协议签了", not "设备采购合同已经签了".
      `(?:合同|协议)${gap(4)}(?:也)?(?:已经?)?(?:全部)?签(?:订|完|了)`,
    ],
    examples: ['电力迁改已完成', '供水管网已接通', '消防验收已通过', '现在信号覆盖了', '拆迁协议全部签了'],
    not: ['电力迁改还在做'],
  },
  {
    name: 'resolved.negated',
    patterns: [
      `(?:没有?|未|尚未|不)${gap(2)}(?:解决|落实|协调|办结|办好|接通|通过|完成|批复|批|办|放|拿|发|恢复|修通|通|到位|到岗|到账|签|清关|核发|拨付|开通|送电|获批)`,
    ],
    examples: ['还没有解决', '未落实', '没办结', '园区纬三路还没修通', '货还在海关，没清关'],
    not: ['问题已解决'],
  },
  {
    // The last step of a fix, named where it is still ahead: money paid out, a paper granted, a
    // check passed, a service switched on, a way opened. After a done step it makes the message a
    // step on the way, not the fix: "授信已审批通过，预计下周放款", "整改完成，已约了下周一复验".
    name: 'fix.pending',
    patterns: [
      `${any('放款', '到账', '拨付', '发放', '批复', '审批', '获批', '核发', '发证', '出证', '清关', '放行', '办理', '办结', '上会', '规委会')}`,
      `${any('通行', '通车', '送电', '通电', '通水', '通气', '供气', '接驳', '接通', '复验', '复查', '验收', '评审')}`,
    ],
    examples: ['建行说下周放款', '预计12月中旬批复', '预计6月5日前可通行', '已约了下周一复验', '目前正在办理抵押登记'],
    not: ['明天开始吊装', '下周开挖'],
  },
  {
    // A plan for the fix approved is no fix: the work is still to do ("迁改方案已通过评审",
    // "过渡供电方案内部评审通过了", "管网延伸方案已批复").
    name: 'scheme',
    patterns: [`方案${gap(6)}(?:通过|批复|已批|获批|批了|审定)`],
    examples: ['燃气管迁改方案已通过评审', '过渡供电方案内部评审通过了', '管网延伸方案已批复'],
    not: ['供水管已经接通', '方案还在做'],
  },
  {
    // Papers got ready on the way to a fix are no fix: "节能报告初稿已经完成".
    name: 'preparation',
    patterns: [`(?:报告|初稿|方案|资料|材料|申请|图纸|设计|预案)${gap(4)}(?:已经|已)?(?:完成|提交|报送|做好|写好|编制)`],
    examples: ['节能报告初稿已经完成', '施工许可资料已提交'],
    not: ['电力迁改已完成'],
  },
  {
    // An order to fix by a time is the problem, not its fix: "已下达整改通知书，限24小时内整改到位".
    name: 'order',
    // An instruction to do it first is no report that it is done: "你们先把抵押合同签了".
    patterns: [`限${gap(10)}内|限期|责令|下达${gap(6)}通知|先把`],
    examples: ['限24小时内整改到位', '责令限期整改', '你们先把抵押合同签了'],
    not: ['整改已经到位'],
  },
  {
    // A fix named as the condition of something else is not done: "整改完毕经复查后才能复工".
    name: 'condition',
    // Also a fix named as what comes first: "资料补齐后上规委会", "整改完了申请复验",
    // "等评审通过就充氨" (the fix is the condition of the next step, so it is still to do).
    patterns: [
      '后(?:才能|方可|才可|才)|才能|方可|当天',
      '(?:完成?|好|齐|毕|妥|到位|通过|下来)(?:了)?(?:以|之)?后(?![天面期来续])',
      `(?:完|好|齐)了(?:再|就)?(?:申请|报|上)`,
      `(?<!已经?)等${gap(12)}(?:通过|完成|批|到位|下来|办好|拿到|到齐|装好)(?:了|后)?(?:就|再|才)`,
    ],
    examples: ['整改完毕经复查后才能复工', '资料补齐后上规委会', '企业整改完了申请复验', '等安全评价通过就充氨调试', '整改完成后申请复查'],
    not: ['整改完毕已经复工', '资料已经补齐'],
  },
  {
    // Work on site that counts as progress when done or planned.
    name: 'activity',
    patterns: [
      '封顶|完工|吊装|安装|进场|到场|桩基|基础|开挖|装修|调试|场平|场地平整|主体|钢结构|钢构|屋面|临建|浇筑|砌筑|下线|施工',
      `组织${gap(4)}验收|挂牌|投用|试运行|基坑|形象进度|生产线|产线|上\\d+条线`,
      '建成|建设|外立面|围挡|收尾|扫尾|征迁|征收|搬迁入住|启用|投入使用|供水|审图|招标|清表',
    ],
    examples: ['主体封顶', '钢结构吊装完成', '设备已进场安装', '已进入到外立面安装和室内装修阶段'],
    not: ['贷款已经到账'],
  },
  {
    // The activity is done or under way (for a clause with no percent or stage).
    name: 'done',
    patterns: [
      '完成|完工|封顶|到场|下线|完毕|结束|过半|已(?:经)?(?:全部)?(?:进场|安装|到场|开始|启动|吊装|浇筑|开挖)',
      `进入${gap(14)}(?:阶段|程序)|有序推进|进展顺利|正在(?:进行|开展|推进|实施)`,
    ],
    examples: ['主体完工了', '设备已全部到场', '首批产品已经下线', '已进入到外立面安装和室内装修阶段'],
    not: ['设备都停了'],
  },
] as const satisfies readonly PhraseFamily[]

export type FamilyName = (typeof FAMILIES)[number]['name']

/** Every family, compiled once. */
export const PHRASE_FAMILIES: readonly (PhraseFamily & { name: FamilyName; pattern: RegExp })[] = FAMILIES.map((f) => ({
  ...f,
  pattern: new RegExp(f.patterns.join('|'), 'u'),
}))

/** The problem families with what each says: the one list the rules derive theirs from. */
const PROBLEMS = PHRASE_FAMILIES.filter((f) => f.problem !== undefined) as (PhraseFamily & { name: FamilyName; problem: ProblemTraits })[]
const problemsWhere = (trait: (t: ProblemTraits) => boolean): readonly FamilyName[] => PROBLEMS.filter((f) => trait(f.problem)).map((f) => f.name)

/** Problem words that raise a problem on their own ("还没接通", "麻烦协调一下"). */
export const STRONG_PROBLEMS = problemsWhere((t) => t.strong)
/** Problem words that say what is wrong, not only what is wanted. */
export const CONCRETE_PROBLEMS = problemsWhere((t) => t.concrete)
/** Problem words that, right after a stage word, make the clause about the trouble. */
export const TROUBLE_AFTER_STAGE = problemsWhere((t) => t.troubleAfterStage)
/** Problem words that state a problem, not only ask for something. */
export const STATED_PROBLEMS = problemsWhere((t) => !t.requestOnly)

/** Each family's place (its bit in the character gate's words, clause-facts.ts) and its pattern, in
 *  one lookup. A Map: an object keyed by the names, read by a key that changes at every call, is a
 *  slow path in V8, and the clause rules ask dozens of times a message. */
export const FAMILY_BY_NAME: ReadonlyMap<FamilyName, { index: number; pattern: RegExp }> = new Map(
  PHRASE_FAMILIES.map((f, index) => [f.name, { index, pattern: f.pattern }]),
)

const GATE = new CharacterGate(PHRASE_FAMILIES.map((f) => f.pattern.source))

/** How many 32-bit words the families' bits take (clause-facts.ts keeps that many). */
export const FAMILY_WORDS = GATE.words

/**
 * The families `text` may show (their bits, isOpen): a family none of whose needed characters is
 * in the text cannot match, so it need not be asked ("好的收到" may show none of them).
 */
export function possibleFamilies(text: string): Int32Array {
  return GATE.open(text)
}

/** Whether `text` shows the family. */
export function shows(text: string, family: FamilyName): boolean {
  return FAMILY_BY_NAME.get(family)!.pattern.test(text)
}

/** The family's pattern, for searches that need the match (where it stands). */
export function familyPattern(family: FamilyName): RegExp {
  return FAMILY_BY_NAME.get(family)!.pattern
}
