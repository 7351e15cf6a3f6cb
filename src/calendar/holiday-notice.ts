import { addDays, daysBetween, isLocalDate, isoWeekday, makeDate, type LocalDate } from './local-date.ts'
import { FESTIVALS, type Festival } from './statutory-holidays.ts'

/**
 * Reads the State Council's yearly notice (国务院办公厅关于 YYYY 年部分节假日安排的通知) as it is
 * published, pasted from the government site or a news page, into days off and make-up working
 * days. Pure: text in, dates or the sentence it could not read out.
 *
 * The notice is a preamble, then one item per festival (or two together), then a closing:
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 * Every sentence of an item must be read whole, or the notice is refused naming it: a holiday
 * calendar half read would be silently wrong for a year.
 */

export interface NoticeItem {
  /** The festivals of the item's heading: "国庆节、中秋节" is both. */
  festivals: Festival[]
  holidays: LocalDate[]
  workdays: LocalDate[]
}

export interface HolidayNotice {
  year: number
  items: NoticeItem[]
  /** Sentences that encourage rather than decide ("鼓励各单位…安排职工在除夕（2月9日）休息"): not days off. */
  advisories: string[]
}

export type NoticeReading = { ok: true; notice: HolidayNotice } | { ok: false; problem: string }

/** The names an item heading may use for each festival: "清明节" or "清明", "劳动节" or "五一劳动节". */
const FESTIVAL_NAMES: Record<string, Festival> = {
  元旦: '元旦',
  春节: '春节',
  清明节: '清明节',
  清明: '清明节',
  劳动节: '劳动节',
  五一劳动节: '劳动节',
  国际劳动节: '劳动节',
  端午节: '端午节',
  端午: '端午节',
  中秋节: '中秋节',
  中秋: '中秋节',
  国庆节: '国庆节',
  国庆: '国庆节',
}
const FESTIVAL_ALT = Object.keys(FESTIVAL_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|')

/**
 * An item heading, numbered or not, its festivals joined by 、 和 与 及, then a colon:
 * "二、春节：", "六、国庆节、中秋节：", "（六）中秋节和国庆节:", "元旦：".
 */
const HEADING = new RegExp(`(?:(?:[一二三四五六七八九十]+|\\d+)[、.]|\\((?:[一二三四五六七八九十]+|\\d+)\\))?((?:${FESTIVAL_ALT})(?:[、和与及](?:${FESTIVAL_ALT}))*):`, 'gu')

/** The notice's year, from its title or its first sentence: "关于2026年部分节假日安排的通知", "现将2026年元旦、…". */
const YEAR = /(?:关于|现将)(\d{4})年/u

/** A sentence that decides nothing: "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息". */
const ADVISORY = /鼓励|倡导|提倡/u

/** A sentence without these says nothing about days off or work: "节假日期间，各地区、各部门要妥善安排好值班…". */
const ABOUT_DAYS = /放假|上班|补休|调休|休息/u

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }
const WEEKDAY_NAMES: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }

/**
 * Full-width to half-width (NFKC: "（周四）" → "(周四)", "１月" → "1月", "：" → ":", "；" → ";"),
 * dashes and tildes to one sign, and every space dropped ("1 月 1 日" as some pages set it).
 */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‐‑‒–—―－~]/gu, '-')
    .replace(/[ \t\u00a0\u3000]+/gu, '')
    .replace(/\r\n?/gu, '\n')
}

/** The notice's text as dates, or the sentence that could not be read. */
export function readHolidayNotice(text: string): NoticeReading {
  const body = normalize(text)
  const year = Number(YEAR.exec(body)?.[1] ?? NaN)
  if (!Number.isInteger(year)) {
    return { ok: false, problem: '找不到通知的年份：应有标题“国务院办公厅关于2027年部分节假日安排的通知”或“现将2027年……通知如下”' }
  }
  const headings = [...body.matchAll(HEADING)]
  if (headings.length === 0) return { ok: false, problem: '找不到各节日的安排：应有“一、元旦：……”这样的条目' }

  const items: NoticeItem[] = []
  const advisories: string[] = []
  for (const [k, h] of headings.entries()) {
    const start = h.index + h[0].length
    // An item runs to the next heading, and the last one to the end of its paragraph.
    const next = headings[k + 1]?.index
    const end = next ?? (body.indexOf('\n', start) === -1 ? body.length : body.indexOf('\n', start))
    const festivals = h[1]!.split(/[、和与及]/u).map((name) => FESTIVAL_NAMES[name]!)
    const item: NoticeItem = { festivals, holidays: [], workdays: [] }
    for (const sentence of body.slice(start, end).split(/[。;\n]/u)) {
      const s = sentence.trim()
      if (s === '' || !ABOUT_DAYS.test(s)) continue
      if (ADVISORY.test(s)) {
        advisories.push(s)
        continue
      }
      const read = readSentence(s, year)
      if (typeof read === 'string') return { ok: false, problem: `${h[1]}：读不懂这一句「${s}」：${read}` }
      item.holidays.push(...read.holidays)
      item.workdays.push(...read.workdays)
    }
    if (item.holidays.length === 0) return { ok: false, problem: `${h[1]}：没有读到放假日期（「${clipped(body.slice(start, end))}」）` }
    items.push(item)
  }

  const named = new Set(items.flatMap((i) => i.festivals))
  const missing = FESTIVALS.filter((f) => !named.has(f))
  if (missing.length > 0) return { ok: false, problem: `通知里没有找到${missing.join('、')}的安排：文本是否完整？` }
  const holidays = new Set(items.flatMap((i) => i.holidays))
  const both = items.flatMap((i) => i.workdays).find((d) => holidays.has(d))
  if (both) return { ok: false, problem: `${both} 既写了放假又写了上班` }
  return { ok: true, notice: { year, items, advisories } }
}

function clipped(text: string): string {
  const chars = Array.from(text.trim())
  return chars.length <= 40 ? chars.join('') : `${chars.slice(0, 39).join('')}…`
}

/** A date as written: "2022年12月31日", "1月28日", or "3日" (the month of the date before). */
const DATE = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/u
/** What may follow a date: "(农历除夕、周二)", "(星期六)", or a bare "周四". */
const REMARK = /^(?:\(([^()]*)\)|((?:周|星期)[一二三四五六日天]))/u
const RANGE_SIGN = /^(?:至|到|-)/u
const LIST_SIGN = /^(?:、|,|和|及)/u
const VERB = /^(放假调休|放假公休|放假|补休|上班)/u
/** After the verb: "1天", ",共8天", ",不调休", ",与周末连休"; in any order, each optional. */
const TAIL = /^,?(?:共([\d一二三四五六七八九十]+)天|([\d一二三四五六七八九十]+)天|不调休|与周末连休|公休)/u

interface Cursor {
  rest: string
  year: number
  month: number | null
}

/**
 * One sentence of an item: segments of dates, a verb and its tail, e.g.
 *   "1月28日(农历除夕、周二)至2月4日(农历正月初七、周二)放假调休,共8天"
 *   "1月26日(周日)、2月8日(周六)上班"
 *   "1月1日放假,1月2日(星期一)补休"
 * Returns the days, or what was wrong as a phrase.
 */
function readSentence(sentence: string, year: number): { holidays: LocalDate[]; workdays: LocalDate[] } | string {
  const c: Cursor = { rest: sentence, year, month: null }
  const holidays: LocalDate[] = []
  const workdays: LocalDate[] = []
  while (c.rest !== '') {
    const days = readDates(c)
    if (typeof days === 'string') return days
    const verb = VERB.exec(c.rest)
    if (!verb) return `「${clipped(c.rest)}」不是“放假”“上班”或“补休”`
    c.rest = c.rest.slice(verb[0].length)
    const off = verb[1] !== '上班'
    for (let tail = TAIL.exec(c.rest); tail; tail = TAIL.exec(c.rest)) {
      const stated = tail[1] ?? tail[2]
      if (stated !== undefined && off && numeral(stated) !== days.length) return `写的是共${stated}天，日期却是 ${days.length} 天`
      c.rest = c.rest.slice(tail[0].length)
    }
    ;(off ? holidays : workdays).push(...days)
    c.rest = c.rest.replace(/^,/u, '')
  }
  return { holidays, workdays }
}

function numeral(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text)
  if (text.length === 1) return CN_DIGITS[text] ?? NaN
  // 十一 … 十九, 二十
  const [a, b] = [...text]
  if (a === '十') return 10 + (CN_DIGITS[b!] ?? NaN)
  return b === '十' ? (CN_DIGITS[a!] ?? NaN) * 10 : NaN
}

/** Dates and ranges joined by 、 , 和 及, up to the verb: every day they cover, in order. */
function readDates(c: Cursor): LocalDate[] | string {
  const days: LocalDate[] = []
  for (;;) {
    const from = readDate(c)
    if (typeof from === 'string') return from
    const first = from.date
    if (RANGE_SIGN.test(c.rest)) {
      c.rest = c.rest.replace(RANGE_SIGN, '')
      const to = readDate(c)
      if (typeof to === 'string') return to
      const last = to.date
      const span = daysBetween(first, last)
      if (span <= 0 || span > 31) return `${first} 至 ${last} 不是一段假期`
      for (let d = 0; d <= span; d++) days.push(addDays(first, d))
    } else {
      days.push(first)
    }
    if (!LIST_SIGN.test(c.rest) || VERB.test(c.rest.replace(LIST_SIGN, ''))) return days
    c.rest = c.rest.replace(LIST_SIGN, '')
  }
}

/** One date and its remarks; a 周几 in them must be that date's weekday, a 农历 remark is taken as written. */
function readDate(c: Cursor): { date: LocalDate } | string {
  const m = DATE.exec(c.rest)
  if (!m) return `「${clipped(c.rest)}」处应是日期`
  const year = m[1] ? Number(m[1]) : c.year
  const month = m[2] ? Number(m[2]) : c.month
  if (month === null) return `「${m[0]}」没有写月份`
  const date = makeDate(year, month, Number(m[3]))
  if (!isLocalDate(date)) return `没有 ${year}年${month}月${m[3]}日 这一天`
  c.month = month
  c.rest = c.rest.slice(m[0].length)
  for (let r = REMARK.exec(c.rest); r; r = REMARK.exec(c.rest)) {
    for (const piece of (r[1] ?? r[2]!).split(/[、,]/u)) {
      const weekday = /^(?:周|星期)([一二三四五六日天])$/u.exec(piece)
      if (weekday) {
        if (WEEKDAY_NAMES[weekday[1]!] !== isoWeekday(date)) return `${date} 不是${piece}`
      } else if (!piece.startsWith('农历')) {
        return `「${piece}」不是星期或农历日期`
      }
    }
    c.rest = c.rest.slice(r[0].length)
  }
  return { date }
}
