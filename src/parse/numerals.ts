/**
 * Chinese and Arabic numerals as they are typed in chat. No library reads these right enough
 * (nzh reads 三千五 as 3005), so this is a small parser of its own:
 *   十二 → 12, 一百二十 → 120, 两 → 2, 三千万 → 30,000,000, 5.2亿 → 520,000,000,
 *   一万二 → 12,000 (a trailing digit counts in the next unit down), 三千五 → 3,500.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 }

/** One numeral: Arabic digits with an optional decimal part, Chinese digits and units, or both. */
export const NUMERAL_SOURCE = '(?:\\d+(?:\\.\\d+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+)'

/** The value of a numeral matched by NUMERAL_SOURCE, or null when it is not one. */
export function parseNumeral(text: string): number | null {
  const lead = /^\d+(?:\.\d+)?/.exec(text)
  let total = 0 // everything already multiplied by 万 or 亿
  let section = 0 // the part below 万 read so far
  let number: number | null = lead ? Number(lead[0]) : null
  // The unit just read, so that a trailing digit can count one step below it (一万二 → 2,000).
  // 1 after 零: 一百零五 → the 五 is literal.
  let lastUnit = 1
  for (const ch of lead ? text.slice(lead[0].length) : text) {
    const digit = DIGITS[ch]
    const unit = SMALL_UNITS[ch] ?? BIG_UNITS[ch]
    if (digit !== undefined) {
      if (number !== null) return null // 一二 is two numerals, not one
      if (digit === 0) lastUnit = 1
      else number = digit
    } else if (unit !== undefined && unit < 1e4) {
      section += (number ?? 1) * unit
      number = null
      lastUnit = unit
    } else if (unit !== undefined) {
      const value = section + (number ?? 0) || 1
      total = unit === 1e8 ? (total + value) * unit : total + value * unit
      section = 0
      number = null
      lastUnit = unit
    } else {
      return null
    }
  }
  if (text === '' || (number === null && section === 0 && total === 0 && !/[零〇]/.test(text))) return null
  const tail = number === null ? 0 : lastUnit > 10 ? number * (lastUnit / 10) : number
  return total + section + tail
}
