/**
 * A report's numbered or enumerated items, so that each problem becomes its own issue:
 *   "二、存在问题\n1. 施工临时用电还没接入…；\n2. 项目贷款还卡在审批…；\n3. 焊工缺口约20人"
 * gives three items under a problems heading. Records never run across two items.
 */
export interface Item {
  text: string
  /** The heading it stands under: problems (存在问题, 困难) or progress (进展, 完成情况); null for none. */
  section: 'issue' | 'progress' | null
}

const ORDINAL = '(?:[一二三四五六七八九十]{1,3}[、.．]|\\d{1,2}[、.．](?!\\d)|[（(][一二三四五六七八九十\\d]{1,3}[)）])'

/** A heading line, with what follows its colon: "二、存在问题" or "存在问题：1. …". */
const HEADING = new RegExp(
  `^\\s*${ORDINAL}?\\s*(?:(存在(?:的)?(?:主要)?(?:问题|困难)(?:和(?:问题|困难))?|(?:主要)?(?:问题|困难)(?:和(?:问题|困难|建议))?|需(?:要)?协调(?:解决)?的?(?:事项|问题)|请求(?:协调|解决)(?:的)?事项)` +
    `|((?:本周|本月|近期|项目|工作)?(?:进展|进度)(?:情况)?|完成情况|工作(?:完成)?情况))\\s*(?:[:：]\\s*|$)`,
  'u',
)

/**
 * Where an item starts inside a line: "1." "1、" "（1）" "①" "一是" "二、", and "另外/此外" or
 * "还有个事" at a clause start. Not "3.15前" or "1.5亿" (a digit follows the dot), not
 * "还有两户没谈妥" (还有 as "there are still").
 */
const SEPARATOR = /[\s。；;，,:：!！]/u

// The separator before a marker is matched (group 1), not looked behind: a pattern that starts
// with a character class lets the engine skip ahead to the next candidate.
const MARKER = new RegExp(
  `(^|[\\s。；;，,:：!！])(?:(\\d{1,2})[.．](?=\\d)|${ORDINAL}|[①-⑳]|[一二三四五六七八九十]是|另外[,，:：]?|此外[,，:：]?|还有(?:一个|个|一件|件)?(?:事|问题|情况)[,，:：]?|还有[,，:：])`,
  'gu',
)

/**
 * A clause that announces a list of problems, ending on a colon: "有两个问题报告一下：",
 * "有两个问题请各位领导协调：", "有两件事请领导协调：". The items after it stand under a problems heading.
 */
const ANNOUNCES_PROBLEMS = /(?:问题|困难|难题|事项|件事|个事)[^:：。；;\n]{0,12}[:：]\s*$/u

export function splitItems(text: string): Item[] {
  const items: Item[] = []
  let section: Item['section'] = null
  // The number of the last numbered item, across lines: "1.…\n2.…".
  let last = 0
  const push = (item: string) => {
    items.push({ text: item, section })
    if (ANNOUNCES_PROBLEMS.test(item)) section = 'issue'
  }
  for (const rawLine of text.split('\n')) {
    let line = rawLine.trim()
    if (line === '') continue
    const heading = HEADING.exec(line)
    if (heading) {
      section = heading[1] ? 'issue' : 'progress'
      line = line.slice(heading[0].length).trim()
      if (line === '') continue
    }
    let start = 0
    MARKER.lastIndex = 0
    for (let m = MARKER.exec(line); m; m = MARKER.exec(line)) {
      const at = m.index + (m[1] as string).length
      // "2.10千伏线路" after item 1 is item 2, "10千伏线路"; after anything else, 1.5亿 is a number.
      const numbered = /^(\d{1,2})[、.．]/u.exec(m[0].slice((m[1] as string).length))
      const nextAfterSemicolon = last > 0 && Number(m[2]) === last + 1 && (at === 0 || /[；;。\s]/u.test(m[1] as string))
      if (m[2] !== undefined && !nextAfterSemicolon) {
        MARKER.lastIndex = m.index + 1
        continue
      }
      if (numbered) last = Number(numbered[1])
      if (at > start) push(line.slice(start, at).trim())
      start = m.index + m[0].length
      // A marker's own closing comma may stand before the next one: "另外，还有，…".
      if (SEPARATOR.test(m[0].slice(-1))) MARKER.lastIndex = start - 1
    }
    if (start < line.length) push(line.slice(start).trim())
  }
  return items.filter((i) => i.text !== '')
}
