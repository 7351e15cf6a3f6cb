import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  isoWeekday,
  makeDate,
  parts,
  type LocalDate,
} from '../calendar/local-date.ts'
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar.ts'
import { parseNumeral } from './numerals.ts'
import { shows } from './phrases.ts'
import { CharacterGate, isOpen, noneOpen } from './required-chars.ts'

/**
 * Date expressions in a clause, resolved against the day the message was sent (Asia/Shanghai).
 * The contract is corpus/README.md ("due") and the cases of test/unit/parse/dates.test.ts.
 * chrono-node is not used: it is wrong or blind on most of them (5月底, 中旬, 本月底, 年内, 一周内,
 * N个工作日内, 3.15, 15号) and its weeks start on Sunday, so these rules are written out here instead.
 */
export interface DateMention {
  /** Position in the clause, for telling which words stand around it. */
  index: number
  end: number
  /** The date, or null when the calendar lacks the year it needs (`problem` says so). */
  date: LocalDate | null
  problem?: string
  /** 今天, 昨天, 上个月, "4月7日已经开工": a fact about the past or present, never a due date. */
  past: boolean
  /** "国庆后", "冬至后": the plan starts after it, so it is no due date either. */
  after: boolean
  /** "15号前", "3天内", "需在3月15日": a deadline, which is what an issue's due date needs. */
  deadline: boolean
}

interface Context {
  today: LocalDate
  calendar: WorkingCalendar
}

type Resolver = (m: RegExpExecArray, ctx: Context) => { date: LocalDate | null; past?: boolean; inherentDeadline?: boolean }

const N = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})'
const num = (text: string | undefined): number => (text ? (parseNumeral(text) ?? NaN) : NaN)

/** A month/day this recent is a fact about the past ("项目于6月8日正式动工" sent on 10 June),
 *  not next year's date. */
const RECENT_PAST_DAYS = 92

/** The next month/day on or after today: 3月15日 sent on 2026-12-31 is 2027-03-15; one in the last
 *  three months is that past day. */
function nextMonthDay(ctx: Context, month: number, day: number): { date: LocalDate | null; past?: boolean } {
  const { year } = parts(ctx.today)
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return { date: null }
  if (day <= daysInMonth(year, month)) {
    const date = makeDate(year, month, day)
    if (date >= ctx.today) return { date }
    if (daysBetween(date, ctx.today) <= RECENT_PAST_DAYS) return { date, past: true }
  }
  return day <= daysInMonth(year + 1, month) ? { date: makeDate(year + 1, month, day) } : { date: null }
}

/** The month named, this year unless it has passed: 5月底 sent in December is next May. */
function monthYear(ctx: Context, month: number): number {
  const { year, month: now } = parts(ctx.today)
  return month >= now ? year : year + 1
}

/** A part of a month: 底/末/下旬 → its last day, 中旬 → the 15th, 上旬/初 → the 10th. */
function partOfMonth(year: number, month: number, part: string): LocalDate {
  if (part === '中旬' || part === '中') return makeDate(year, month, 15)
  if (part === '上旬' || part === '初') return makeDate(year, month, 10)
  return makeDate(year, month, daysInMonth(year, month))
}

/** 本月 / 下月 / 下个月 → months from now. */
const monthOffset = (word: string | undefined): number => (word && word.startsWith('下') ? 1 : 0)

function weekday(ctx: Context, which: string | undefined, dayText: string): LocalDate | null {
  const target = /^[1-7]$/.test(dayText) ? Number(dayText) : '一二三四五六日天'.indexOf(dayText) + 1
  if (target < 1) return null
  const day = Math.min(target, 7)
  const monday = addDays(ctx.today, 1 - isoWeekday(ctx.today))
  if (which === '下下') return addDays(monday, 14 + day - 1)
  if (which === '下') return addDays(monday, 7 + day - 1)
  const thisWeek = addDays(monday, day - 1)
  // A bare 周五 means the coming one: this week's unless it has passed.
  if (which === undefined && thisWeek < ctx.today) return addDays(thisWeek, 7)
  return thisWeek
}

function workingDays(ctx: Context, n: number): { date: LocalDate | null; problem?: string } {
  try {
    return { date: ctx.calendar.addWorkingDays(ctx.today, n) }
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return { date: null, problem: error.message }
    throw error
  }
}

/** A year as written: 2026, or a Minguo (ROC) year: 104年 is 2015. */
const YEAR = '(?:民[国國])?(\\d{4}|\\d{2,3})'
const yearOf = (text: string | undefined): number => {
  const y = Number(text)
  return y < 1000 ? y + 1911 : y
}

/** A date in a year named outright is past when before today, whatever the month: "2023年3月份动工". */
const inYear = (ctx: Context, date: LocalDate | null) => ({ date, past: date !== null && date < ctx.today })

/** The rules, most specific first; a later rule never matches inside an earlier match. */
const RULES: Array<[RegExp, Resolver]> = [
  // 2026年3月15日, 2025年的3月31号, 2026-03-15, 2026/3/15, 民國104年12月31日
  [new RegExp(`${YEAR}(?:年的?|-|\\/)(\\d{1,2})(?:月|-|\\/)(\\d{1,2})[日号]?`, 'g'), (m, ctx) => {
    const [y, mo, d] = [yearOf(m[1]), Number(m[2]), Number(m[3])]
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return { date: null }
    return inYear(ctx, makeDate(y, mo, d))
  }],
  // 2026年1月, 2018年9月下旬, 104年1月, 2023年3月份: the month (its part) of that year
  [new RegExp(`${YEAR}年的?${N}月份?(底|末|中旬|上旬|下旬|初)?`, 'g'), (m, ctx) => {
    const [y, month] = [yearOf(m[1]), num(m[2])]
    if (!(month >= 1 && month <= 12)) return { date: null }
    return inYear(ctx, partOfMonth(y, month, m[3] ?? '底'))
  }],
  // 2027年底, 2026年内: the end of that year
  [/(\d{4})年(?:底|末|内)/g, (m, ctx) => inYear(ctx, makeDate(Number(m[1]), 12, 31))],
  // 2028年完工, 拚2027年启用: a year alone is its last day; 2020年 is the past
  [/(?<!\d)(\d{4})年(?![\d一二两三四五六七八九十]|代|度|以来|来|前|以前|左右)/g, (m, ctx) => inYear(ctx, makeDate(Number(m[1]), 12, 31))],
  // 去年8月, 去年12月4日, 当年10月份: months of a year gone by
  [new RegExp(`(去年|前年|当年)${N}月份?(?:${N}[日号])?`, 'g'), (m, ctx) => {
    const month = num(m[2])
    if (!(month >= 1 && month <= 12)) return { date: null }
    const y = parts(ctx.today).year - (m[1] === '前年' ? 2 : m[1] === '去年' ? 1 : 0)
    const day = m[3] ? num(m[3]) : daysInMonth(y, month)
    return { date: day >= 1 && day <= daysInMonth(y, month) ? makeDate(y, month, day) : null, past: true }
  }],
  // N个工作日内 on the official calendar: 10个工作日内, 十个工作日
  [new RegExp(`${N}个?工作日(?:内|之内|以内)?`, 'g'), (m, ctx) => ({ ...workingDays(ctx, num(m[1])), inherentDeadline: /内/.test(m[0]) })],
  // 24小时内, 48小时之内: by the day those hours end
  [new RegExp(`${N}个?小时(?:内|之内|以内)`, 'g'), (m, ctx) => ({ date: addDays(ctx.today, Math.ceil(num(m[1]) / 24)), inherentDeadline: true })],
  // 3天内, 两天之内, 3日内; 3天后 (a start, not a deadline)
  [new RegExp(`${N}(?:天|日)(内|之内|以内|后|以后|之后)`, 'g'), (m, ctx) => ({ date: addDays(ctx.today, num(m[1])), inherentDeadline: /内/.test(m[2] ?? '') })],
  // 一周内, 两周内, 一个星期内
  [new RegExp(`${N}(?:个)?(?:周|星期|礼拜)(内|之内|以内|后)`, 'g'), (m, ctx) => ({ date: addDays(ctx.today, 7 * num(m[1])), inherentDeadline: /内/.test(m[2] ?? '') })],
  // 两个月内
  [new RegExp(`${N}个月(内|之内|以内)`, 'g'), (m, ctx) => ({ date: addMonths(ctx.today, num(m[1])), inherentDeadline: true })],
  // 明年3月底, 5月底, 6月中旬, 12月上旬, 5月初
  [new RegExp(`(明年|今年)?${N}月份?(底|末|中旬|上旬|下旬|初)`, 'g'), (m, ctx) => {
    const month = num(m[2])
    if (!(month >= 1 && month <= 12)) return { date: null }
    const { year } = parts(ctx.today)
    const y = m[1] === '明年' ? year + 1 : m[1] === '今年' ? year : monthYear(ctx, month)
    return { date: partOfMonth(y, month, m[3] ?? '底') }
  }],
  // 明年3月15日, 1月20日, 十二月十五号
  [new RegExp(`(明年)?${N}月${N}[日号]`, 'g'), (m, ctx) => {
    const [month, day] = [num(m[2]), num(m[3])]
    if (m[1]) {
      const y = parts(ctx.today).year + 1
      return { date: month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(y, month) ? makeDate(y, month, day) : null }
    }
    return nextMonthDay(ctx, month, day)
  }],
  // 下月15号, 下个月十五号, 本月20日
  [new RegExp(`(本月|这个月|下个?月)${N}[日号]`, 'g'), (m, ctx) => {
    const base = addMonths(makeDate(parts(ctx.today).year, parts(ctx.today).month, 1), monthOffset(m[1]))
    const { year, month } = parts(base)
    const day = num(m[2])
    return { date: day >= 1 && day <= daysInMonth(year, month) ? makeDate(year, month, day) : null }
  }],
  // 月底, 本月底, 下月底, 下个月中旬, 月末
  [/(?<![\d一二两三四五六七八九十正腊])(本|这个|下个?|当)?月(底|末|中旬|上旬|下旬|初)/g, (m, ctx) => {
    const { year, month } = parts(addMonths(makeDate(parts(ctx.today).year, parts(ctx.today).month, 1), monthOffset(m[1])))
    return { date: partOfMonth(year, month, m[2] ?? '底') }
  }],
  // 3.15前, 3.15日: a month.day only where a date is plainly meant, not 5.2亿 or 1.5米
  [/(?<![\d.])(\d{1,2})\.(\d{1,2})(?=前|之前|以前|日|号|左右)/g, (m, ctx) => nextMonthDay(ctx, Number(m[1]), Number(m[2]))],
  // 15号前, 于20日: a bare day of the month, next on or after today. Not 3号楼 or 2号厂房, nor 0号前.
  [new RegExp(`(?<![\\d月.])${N}[号日](?=前|之前|以前|左右|截止|完成|以后|之后)`, 'g'), (m, ctx) => {
    const day = num(m[1])
    if (!(day >= 1)) return { date: null }
    const { year, month } = parts(ctx.today)
    for (const next of [0, 1, 2]) {
      const { year: y, month: mo } = parts(addMonths(makeDate(year, month, 1), next))
      if (day <= daysInMonth(y, mo) && makeDate(y, mo, day) >= ctx.today) return { date: makeDate(y, mo, day) }
    }
    return { date: null }
  }],
  // 本周五, 下周三, 下下周一, 周五, 星期天 (weeks start on Monday)
  [/(本|这|下下|下)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g, (m, ctx) => ({ date: weekday(ctx, m[1] === '这' ? '本' : m[1], m[2] ?? '') })],
  // 本周内, 这周内: by this week's Friday (or its Sunday once Friday has passed); 本月内: month end
  [/(本|这)(?:个)?(周|星期|礼拜|月)(?:内|之内|以内)/g, (m, ctx) => {
    if (m[2] === '月') {
      const { year, month } = parts(ctx.today)
      return { date: makeDate(year, month, daysInMonth(year, month)), inherentDeadline: true }
    }
    const friday = weekday(ctx, '本', '五')
    return { date: friday && friday >= ctx.today ? friday : weekday(ctx, '本', '日'), inherentDeadline: true }
  }],
  // 明年底, 年底, 年内, 今年内, 年末
  [/(明年|今年)?年(底|末|内)/g, (m, ctx) => ({ date: makeDate(parts(ctx.today).year + (m[1] === '明年' ? 1 : 0), 12, 31), inherentDeadline: m[2] === '内' })],
  // 上半年 / 下半年
  [/(明年)?(上|下)半年/g, (m, ctx) => ({ date: makeDate(parts(ctx.today).year + (m[1] ? 1 : 0), m[2] === '上' ? 6 : 12, m[2] === '上' ? 30 : 31) })],
  // 二季度, 三季度末, 明年一季度: the quarter's last day, this year unless it has ended
  [/(明年|今年)?第?([一二三四1-4])季度(?:末|底)?/g, (m, ctx) => {
    const month = 3 * ('一二三四'.indexOf(m[2] ?? '') + 1 || Number(m[2]))
    const { year } = parts(ctx.today)
    const y = m[1] === '明年' ? year + 1 : m[1] === '今年' ? year : monthYear(ctx, month)
    return { date: makeDate(y, month, daysInMonth(y, month)) }
  }],
  // 9月, 10月份: the month as a whole, its last day
  [new RegExp(`(明年)?(?<![\\d一二两三四五六七八九十个])${N}月份?(?![\\d一二两三四五六七八九十日号])`, 'g'), (m, ctx) => {
    const month = num(m[2])
    if (!(month >= 1 && month <= 12)) return { date: null }
    // A month just ended that names what belongs to it is the past, as a recent month/day is:
    // "工人9月的工资今天打到卡上了" sent on 20 October is September gone, not next year's; "11月份
    // 的社保" sent in January is last November. "预计12月份投产" sent in February stays ahead.
    const { year } = parts(ctx.today)
    const endOf = (y: number) => makeDate(y, month, daysInMonth(y, month))
    const ended = endOf(year) < ctx.today ? endOf(year) : endOf(year - 1)
    const belongs = m.input.startsWith('的', m.index + m[0].length)
    if (!m[1] && belongs && daysBetween(ended, ctx.today) <= RECENT_PAST_DAYS) return { date: ended, past: true }
    const y = m[1] ? year + 1 : monthYear(ctx, month)
    return { date: makeDate(y, month, daysInMonth(y, month)) }
  }],
  // 元旦前, 五一前, 国庆节前: the day before the next one of these holidays (元旦前 said in March is
  // this 31 December, 五一前 said on 20 May is next 30 April); 五一 alone: the day itself, as a month/day
  [/(元旦|五一|国庆)(节)?(前|之前|以前)?(?!假|期间|放假|节)/g, (m, ctx) => {
    const [month, day] = m[1] === '元旦' ? [1, 1] : m[1] === '五一' ? [5, 1] : [10, 1]
    if (!m[3]) return nextMonthDay(ctx, month, day)
    const { year } = parts(ctx.today)
    const thisYear = makeDate(year, month, day)
    return { date: addDays(thisYear > ctx.today ? thisYear : makeDate(year + 1, month, day), -1) }
  }],
  // 明天, 后天, 大后天
  [/(大后天|后天|明天|明日)/g, (m, ctx) => ({ date: addDays(ctx.today, m[1] === '大后天' ? 3 : m[1] === '后天' ? 2 : 1) })],
  // 今天, 昨天, 上周, 上个月, 去年: facts, kept so that their clause is seen as one
  [/(今天|今日|当天|当日|今晚|今早|昨天|昨日|前天|上周|上个月|上月|去年)/g, (m, ctx) => ({ date: ctx.today, past: true })],
]

/**
 * A date this far from the message is a slip of the keyboard or a joke, never a plan or a fact of
 * the project: "9999年12月31日前" gives no date.
 */
const MAX_YEARS_AHEAD = 20
const MAX_YEARS_BACK = 50

/** Whether a date lies within the years a project's plans and facts can (see MAX_YEARS_*). */
export function isPlausibleDate(date: LocalDate, today: LocalDate): boolean {
  return date >= addMonths(today, -12 * MAX_YEARS_BACK) && date <= addMonths(today, 12 * MAX_YEARS_AHEAD)
}

const BEFORE_PAST = /(已经|已于|已)\s*$/
const AFTER_PAST = /^\s*(已经|已|就已)/
const AFTER_MARK = /^.{0,1}?(后|以后|之后|起)/
// 15号前, 下周三省厅来调研前 (a few words may stand between the date and 前), but not 前期; and a date
// something is needed by: "这个月底要付原料款", "9月份就要开学了" is no need of ours (开学).
const DEADLINE_AFTER = /^[^,，。;；!?]{0,6}?(前|之前|以前|为止|截止)(?!期)|^(?:底|末)?(?:就|还)?(?:要|得|必须)(?:付|交|用|完成|到位|办|拿到|签|住|开工|投产)/
// 需在8月5日回复, 要求1月20日拿到证, 必须在本周五
const DEADLINE_BEFORE = /(需|须|需要|必须|要求|务必|最迟|限)[在于到]?\s*$/
// 截至8月底, 截止到10月20日: a reporting cut-off, a fact as of then
const CUTOFF_BEFORE = /(截至|截止)(到|至)?\s*$/
// 于9月9日首次发放, 於10月30日送上了电: a dated fact of the story told, where no plan is said
const FACT_BEFORE = /[于於]\s*$/

/** Only the rules whose needed characters the clause holds run: "施工许可证还没办下来" runs none,
 *  "6月底前" the few with 月 in them. */
const GATE = new CharacterGate(RULES.map(([pattern]) => pattern.source))

function overlapsTaken(taken: Uint8Array, index: number, end: number): boolean {
  for (let i = index; i < end; i++) if (taken[i] === 1) return true
  return false
}

export function findDates(clause: string, today: LocalDate, calendar: WorkingCalendar): DateMention[] {
  const open = GATE.open(clause)
  if (noneOpen(open)) return []
  const ctx: Context = { today, calendar }
  // Characters already inside a match: each rule checks only its own match's span, so the whole
  // scan stays linear in the clause's length however many dates it holds.
  let taken: Uint8Array | undefined
  let planned: boolean | undefined
  const found: DateMention[] = []
  for (let r = 0; r < RULES.length; r++) {
    if (!isOpen(open, r)) continue
    const [pattern, resolve] = RULES[r] as [RegExp, Resolver]
    pattern.lastIndex = 0
    for (let m = pattern.exec(clause); m; m = pattern.exec(clause)) {
      const index = m.index
      const end = index + m[0].length
      if (end === index) {
        pattern.lastIndex++
        continue
      }
      taken ??= new Uint8Array(clause.length)
      if (overlapsTaken(taken, index, end)) continue
      taken.fill(1, index, end)
      const { date, past = false, inherentDeadline = false, problem } = resolve(m, ctx) as ReturnType<Resolver> & { problem?: string }
      if ((date === null && !problem) || (date !== null && !isPlausibleDate(date, today))) continue
      const before = clause.slice(Math.max(0, index - 4), index)
      const after = clause.slice(end)
      const deadline = inherentDeadline || DEADLINE_AFTER.test(after) || DEADLINE_BEFORE.test(clause.slice(Math.max(0, index - 6), index))
      const fact = (CUTOFF_BEFORE.test(before) || (FACT_BEFORE.test(before) && !(planned ??= shows(clause, 'plan')))) && !deadline
      const mention: DateMention = {
        index,
        end,
        date,
        past: past || fact || BEFORE_PAST.test(before) || AFTER_PAST.test(after),
        after: AFTER_MARK.test(after) && !inherentDeadline,
        deadline,
      }
      if (problem) mention.problem = problem
      found.push(mention)
    }
  }
  return found.sort((a, b) => a.index - b.index)
}
