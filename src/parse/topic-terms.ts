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

export function topicTerms(text: string): TopicTerms {
  const plain = normalizeMessage(text).text
  const terms = new Map<string, number>()
  const covered = new Uint8Array(plain.length)
  for (const k of keywordsIn(plain)) {
    terms.set(k.word, Math.max(terms.get(k.word) ?? 0, k.weight))
    covered.fill(1, k.at, k.at + k.word.length)
  }
  for (const run of plain.matchAll(/[\u4e00-\u9fff]+/gu)) {
    for (let i = 0; i + 1 < run[0].length; i++) {
      const at = run.index + i
      // A pair wholly inside a keyword is that keyword already.
      if (covered[at] && covered[at + 1]) continue
      const pair = run[0].slice(i, i + 2)
      if (!COMMON.has(pair) && !terms.has(pair)) terms.set(pair, 1)
    }
  }
  return terms
}

/** How much two texts share: the weight of the terms they have in common. */
export function overlap(a: TopicTerms, b: TopicTerms): number {
  let score = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const [term, weight] of small) if (large.has(term)) score += Math.max(weight, large.get(term)!)
  return score
}
