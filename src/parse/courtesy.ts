import { any } from './pattern-pieces.ts'

/**
 * Courtesies at the two ends of a message: greetings and openers ("各位领导好", "杨主任早 汇报一下："),
 * thanks and requests of no content ("谢谢各位", "麻烦帮忙协调一下", "请领导关注", "辛苦了") and a
 * report's closing formulas ("以上，请审阅", "特此报告", "妥否，请批示"). They say nothing about the
 * project, so they are taken off before the message is read: a report reads the same with them or
 * without them, and none of them can turn a report into a notice or a request into a problem.
 *
 * A clause is a courtesy when it is made of nothing but the pieces below: who is addressed, a polite
 * verb, and particles. Any word of substance ("尽快接入", "用地", "5月底") keeps it.
 */

/** Who is addressed: "各位领导", "相关部门", "杨主任", "韦总", "你们". */
const ADDRESSEE = any(
  '(?:各位|诸位|大家|相关|有关|各|贵|咱们|我们|你们|您|领导们|同志们)',
  '(?:领导|老师|同事|同志|同仁|部门|单位|专班|兄弟们|大伙)',
  // A name and a title: "杨主任", "韦总", "周科长" (no bare 工: "完工" is no name).
  '[\\u4e00-\\u9fa5]{1,2}(?:主任|总|科长|局长|书记|县长|镇长|经理|部长|处长|区长|市长|秘书|老师)',
  // A surname and a short title: "周局", "王科".
  '[\\u4e00-\\u9fa5](?:局|科|股)',
)

/** Polite verbs and formulas: thanks, asking for attention or help, a report's opening and close. */
const POLITE = any(
  '谢谢|感谢|多谢|致谢|谢了|感恩|辛苦|有劳|劳烦|烦请|麻烦|费心|费神|拜托|打扰|叨扰|不好意思',
  '关注|关心|关照|支持|指导|协调|帮忙|帮助|帮个忙|帮衬|审阅|阅示|指示|批示|审示|指正|审定|定夺|请示|跟进|督促|重视|过问|配合|看看|看',
  '请|敬请|恳请|望|盼|希望|知悉|知晓|予以|给予|予|为盼|为感|是盼|盼复|为荷|静候|等候|回复|佳音',
  '特此|报告|汇报|如上|如下|完毕|以上|情况|内容|妥否|供参考|现将|简要|简单|一?下|各项|本周|本月|今天|今日|工作|进展|项目|为|是',
  '好|早|早上好|上午好|下午好|晚上好|祝|顺祝|工作顺利',
)

/** Words of degree and particles that add nothing: "多多", "尽快", "一并", "了", "们". */
const FILLER = '(?:再次|一并|在此|万分|非常|十分|衷心|真诚|诚挚|多多|多|尽快|抓紧|及时|大力|继续|解决|了|啦|哈|啊|吧|呀|哦|的|们|和|及|与|!|\\.|~|、)'

const COURTESY_CLAUSE = new RegExp(`^(?:${ADDRESSEE}|${POLITE}|${FILLER})+$`, 'u')

/** Where clauses end at the edges of a message (a colon ends an opener: "汇报一下："). By code unit:
 *  the edges are scanned a character at a time. */
const EDGE_BREAKS = new Set([...',，。;；!！?？\n :：'].map((c) => c.charCodeAt(0)))
const isBreak = (text: string, at: number): boolean => EDGE_BREAKS.has(text.charCodeAt(at))

/** Whether one clause is a courtesy only: "请各位领导多支持", "谢谢", "汇报一下". */
export function isCourtesy(clause: string): boolean {
  return clause !== '' && COURTESY_CLAUSE.test(clause)
}

/** The message without the courtesy clauses at its start and its end. */
export function withoutCourtesies(text: string): string {
  let start = 0
  let end = text.length
  // Trailing clauses: "…进不去。麻烦帮忙协调一下，谢谢！" (a clause kept keeps its "?").
  for (;;) {
    let to = end
    while (to > start && isBreak(text, to - 1)) to--
    let from = to
    while (from > start && !isBreak(text, from - 1)) from--
    if (!isCourtesy(text.slice(from, to))) break
    // A message of courtesies alone ("谢谢各位领导") keeps nothing.
    if (from === start) return ''
    end = from
  }
  // Leading clauses: "各位领导好，杨主任早 汇报一下：…"
  for (;;) {
    let from = start
    while (from < end && isBreak(text, from)) from++
    let to = from
    while (to < end && !isBreak(text, to)) to++
    if (to === end || !isCourtesy(text.slice(from, to))) break
    // What follows starts the message: "报告：办结" reads as "办结".
    start = to
    while (start < end && isBreak(text, start)) start++
  }
  return start === 0 && end === text.length ? text : text.slice(start, end).trim()
}
