import { parseNumeral } from './numerals.ts'

/**
 * A completion percentage, only where the clause says it is one: 形象进度75%, 已完成六成,
 * 吊装完成80%, 完成百分之八十, 装修完成七成五 (→ 75), 六成半 (→ 65). Rates that are not progress give nothing:
 * 返岗率只有六成, 产能利用率六成. Vague words (过半, 大部分) are no number at all. A share of money
 * is no completion either: 完成投资…占总投资额的2.9%, 产能达到设计的六成.
 */
const PROGRESS_WORD = '(?:完成|进度|完工|建成|完成率|完成了)'
/** Between the word and the number: "已完成项目总工程量的94.75%", "进度基本上已经达到90%". */
const GAP = '(?:(?!投资|资金|产值|产能|利用)[^,，。;；!?率]){0,12}?'
/** A Chinese numeral read whole, so that 百分之一千 is a thousand (and no share), not 百分之一. */
const CN = '[零一二两三四五六七八九十百千万]+'

const FORMS: Array<[RegExp, (m: RegExpExecArray) => number | null]> = [
  [new RegExp(`${PROGRESS_WORD}${GAP}(?:约|大约|近|超过)?(\\d+(?:\\.\\d+)?)\\s*%`), (m) => Number(m[1])],
  [new RegExp(`${PROGRESS_WORD}${GAP}百分之(${CN}|\\d+(?:\\.\\d+)?)`), (m) => parseNumeral(m[1] ?? '')],
  [new RegExp(`${PROGRESS_WORD}${GAP}([一二两三四五六七八九十]|\\d)成([一二三四五六七八九半]|\\d)?`), (m) => {
    const tens = parseNumeral(m[1] ?? '')
    const ones = m[2] === '半' ? 5 : m[2] ? parseNumeral(m[2]) : 0
    return tens === null || ones === null ? null : tens * 10 + ones
  }],
  // "完成桩基施工320根，占总数的80%": the share of the whole, in the clause after the count
  [/占(?:总(?:(?!投资|资金)[^,，。;；]){0,5}?)?的?\s*(\d+(?:\.\d+)?)\s*%/, (m) => Number(m[1])],
]

export function findPercent(clause: string): number | null {
  for (const [pattern, read] of FORMS) {
    const m = pattern.exec(clause)
    if (!m) continue
    const value = read(m)
    if (value !== null && value >= 0 && value <= 100) return value
  }
  return null
}
