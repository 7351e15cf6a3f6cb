import { keywordsIn } from './categories.ts'
import { normalizeMessage } from './normalize.ts'

/**
 * The words a text is about, weighted, to tell whether two messages speak of the same problem:
 * the team keywords it holds (their weight in categories.ts: 青苗 3, 补偿 2), and every other pair
 * of adjacent Chinese characters (weight 1) that is not a common word of any chat ("已经", "今天",
 * "麻烦", "项目"). "燃气的事还是没动静" → 燃气 (3), 动静 (1).
 */
export type TopicTerms = ReadonlyMap<string, number>

/** Pairs that say nothing of the topic: time, politeness, the bot's and officials' everyday words. */
const COMMON = new Set(
  (
    '项目 完成 企业 今天 已经 问题 还没 计划 公司 报告 工作 目前 全部 领导 各位 单位 一下 下周 本周 该项 要求 位领 的事 请各 下来 我们 ' +
    '可以 帮忙 预计 专班 现在 还有 情况 对接 上午 下午 不能 收到 感谢 开始 正在 正式 好了 谢谢 已完 以上 没有 部分 希望 还在 存在 需要 ' +
    '的问 天上 天下 推进 通知 明年 今年 安排 个月 处理 落实 困难 有人 一个 负责 来了 还是 时间 汇报 正常 基本 一天 出来 过来 只能 进行 ' +
    '所有 有一 经理 一直 特此 争取 股长 主任 协调 解决 反映 影响 进度 施工 开工 月底 底前 日前 前完 昨天 明天 麻烦 尽快 已在 流程 走流 ' +
    '这个 那个 这边 那边 我们 你们 他们 大家 事情 东西 方面 情况 目前 之前 之后 以后 以前 已于 于今 多谢 辛苦 好的 可能 应该 一定 马上 ' +
    '已经 还要 就是 但是 不过 另外 因为 所以 如果 然后 同时 其中 一些 几个 左右 以内 之内 天内 个工 作日 工作日 月中 中旬 上旬 下旬 '
  )
    .split(/\s+/u)
    .filter((w) => w.length === 2),
)

/**
 * Words for one thing, so that a follow-up in other words is still about it: "招工还差四十来人" and
 * "缺焊工20人" are both the workforce; "林地" and "青苗补偿" are both land, but not one problem.
 */
const CONCEPTS: Record<string, readonly string[]> = {
  workforce: ['招工', '用工', '缺工', '工人', '招聘', '招不到', '普工', '操作工', '焊工', '电工', '钢筋工', '木工', '瓦工', '劳务', '技术工人', '技工', '劳动力', '人手', '返岗', '到岗', '临时工', '要招', '招人', '实习生'],
  compensation: ['青苗', '补偿', '拆迁', '征地', '征收', '征迁', '签协议', '鱼塘', '迁坟', '坟', '宅基地', '没拆', '养猪场', '清场'],
  'land-quota': ['用地指标', '土地指标', '农转用', '指标'],
  power: ['用电', '供电', '送电', '箱变', '变压器', '电力', '停电', '跳闸', '电杆', '变电', '业扩', '增容', '配电', '高压柜', '来电', '电来了', '没电'],
  telecom: ['专线', '光缆', '光纤', '网络', '通信', '信号', '基站', '铁塔'],
  water: ['供水', '用水', '水管', '给水', '通水', '管网', '水渠', '断水', '水压', '停水', '来水', '水来了', '没水', '水都没有'],
  gas: ['燃气', '天然气', '用气', '通气', '停气', '来气', '气来了', '供气'],
  road: ['道路', '修路', '路面', '便道', '通车', '路基', '沥青', '修通', '断头路'],
  loan: ['贷款', '融资', '授信', '放款', '担保', '银行', '抵押', '资本金', '外汇'],
  subsidy: ['补贴', '奖补', '兑现', '拨付'],
  energy: ['能耗', '能评', '节能', '标准煤'],
  noise: ['噪音', '噪声', '扰民', '夜间施工', '夜间运输'],
  odour: ['气味', '臭气', '臭味', '刺鼻', '除臭'],
  dust: ['扬尘', '粉尘', '裸土', '洒水'],
  'planning-permit': ['规划许可', '规委会', '规划方案'],
  'construction-permit': ['施工许可', '图审', '审图', '报建', '消防专篇'],
  fire: ['消防验收', '喷淋', '防火门', '疏散'],
  housing: ['人才公寓', '住房', '宿舍', '入住', '公寓'],
  schooling: ['入学', '子女', '学校', '小学', '幼儿园', '转学', '学位', '插班'],
}

const CONCEPT_OF = Object.entries(CONCEPTS).flatMap(([concept, words]) => words.map((w) => [w, concept] as const))
const CONCEPT_WORDS = new Set(CONCEPT_OF.map(([word]) => word))
/** Concept words by their first character, so one pass finds every one a text holds (overlaps too). */
const CONCEPTS_BY_FIRST = new Map<string, (readonly [string, string])[]>()
for (const entry of CONCEPT_OF) CONCEPTS_BY_FIRST.set(entry[0][0] as string, [...(CONCEPTS_BY_FIRST.get(entry[0][0] as string) ?? []), entry])

/** `common`: words of the conversation that say nothing of a problem (the project's own name). */
const NO_WORDS: ReadonlySet<string> = new Set()

/**
 * Texts are compared again and again (an issue's summary against every report of its group), so
 * their terms are kept: for each set of common words (one per project name, see namePairs), the
 * terms of the texts seen lately. Terms are never changed once made.
 */
const RECENT_LIMIT = 2_048
const recentTerms = new WeakMap<ReadonlySet<string>, Map<string, TopicTerms>>()
const recentNames = new Map<string, ReadonlySet<string>>()

/** The word pairs of a name ("德庆南药食品项目" → 德庆, 庆南, 南药…): what every message of its group shares. */
export function namePairs(name: string): ReadonlySet<string> {
  let pairs = recentNames.get(name)
  if (!pairs) {
    const plain = normalizeMessage(name).text
    pairs = new Set(Array.from({ length: Math.max(0, plain.length - 1) }, (_, i) => plain.slice(i, i + 2)))
    if (recentNames.size >= RECENT_LIMIT) recentNames.clear()
    recentNames.set(name, pairs)
  }
  return pairs
}

export function topicTerms(text: string, common: ReadonlySet<string> = NO_WORDS): TopicTerms {
  let recent = recentTerms.get(common)
  if (!recent) recentTerms.set(common, (recent = new Map()))
  let terms = recent.get(text)
  if (!terms) {
    if (recent.size >= RECENT_LIMIT) recent.clear()
    terms = termsOf(text, common)
    recent.set(text, terms)
  }
  return terms
}

function termsOf(text: string, common: ReadonlySet<string>): TopicTerms {
  const plain = normalizeMessage(text).text
  const terms = new Map<string, number>()
  for (let at = 0; at < plain.length; at++) {
    for (const [word, concept] of CONCEPTS_BY_FIRST.get(plain[at] as string) ?? []) {
      if (plain.startsWith(word, at)) terms.set(`concept:${concept}`, 3)
    }
  }
  const covered = new Uint8Array(plain.length)
  for (const k of keywordsIn(plain)) {
    // A keyword of a concept is counted once, as the concept: 工人 is the workforce, not twice.
    if (!CONCEPT_WORDS.has(k.word)) terms.set(k.word, Math.max(terms.get(k.word) ?? 0, k.weight))
    covered.fill(1, k.at, k.at + k.word.length)
  }
  for (const run of plain.matchAll(/[\u4e00-\u9fff]+/gu)) {
    for (let i = 0; i + 1 < run[0].length; i++) {
      const at = run.index + i
      // A pair wholly inside a keyword is that keyword already.
      if (covered[at] && covered[at + 1]) continue
      const pair = run[0].slice(i, i + 2)
      if (!COMMON.has(pair) && !common.has(pair) && !terms.has(pair)) terms.set(pair, 1)
    }
  }
  // Codes and model names name one thing exactly: "SC证", "DN200给水管", "10kV线路" (a plain number
  // or a single letter does not: "3天", "A栋").
  for (const code of plain.matchAll(CODE)) {
    const word = `code:${code[0].toLowerCase()}`
    if (!terms.has(word)) terms.set(word, CODE_WEIGHT)
  }
  return terms
}

/** Letters with letters or digits: "SC", "DN200", "10kV", "ALC"; not "3天" or "A栋". */
const CODE = /(?<![A-Za-z0-9])(?:[A-Za-z]{2,}\d*|[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]{1,3})(?![A-Za-z0-9])/gu
/** A code shared is strong evidence, but not alone a repeat: one more word pair makes it one. */
const CODE_WEIGHT = 2

/** How much two texts share: the weight of the terms they have in common. */
export function overlap(a: TopicTerms, b: TopicTerms): number {
  let score = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const [term, weight] of small) if (large.has(term)) score += Math.max(weight, large.get(term)!)
  return score
}
