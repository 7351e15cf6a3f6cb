import { withoutCourtesies } from './courtesy.ts'
import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { bestCategory, keywordsIn } from './categories.ts'
import { classifyClause, splitClauses, type Clause, type Role } from './clauses.ts'
import type { DateMention } from './dates.ts'
import { splitItems, type Item } from './items.ts'
import { normalizeMessage } from './normalize.ts'
import { CONCRETE_PROBLEMS, familyPattern, shows, STATED_PROBLEMS } from './phrases.ts'
import type { Category, IssueRecord, ParsedRecord, ProgressRecord, ResolutionRecord } from './types.ts'

/** Dates in messages are calendar dates in the city's timezone, whatever the process runs in. */
export const MESSAGE_TIMEZONE = 'Asia/Shanghai'

/** Summaries are for replies and the ledger; the message itself is kept whole in the store. */
const SUMMARY_LIMIT = 120

/**
 * The parser reads at most this much of a message: a paste longer than this is kept whole in the
 * ledger, but its records come from its beginning (every step is linear; this bounds the time).
 */
export const PARSE_LIMIT = 5_000

/** Closing courtesies, anywhere in the message: "请各位领导审阅", "特此报告". */
const COURTESY = new RegExp(familyPattern('courtesy').source, 'gu')

/** One message as the parser reads it: the sender's words apart from what they quoted. */
export interface MessageInput {
  /** The sender's own words (a quoted block already taken off: chat-text.ts splitQuote). */
  body: string
  /** The text of the message quoted in a WeChat quoted reply; tells which team a bare "已解决" means. */
  quoted?: string | undefined
  sentAt: Date | string
}

export interface ParseOptions {
  /** The official calendar, for "10个工作日内". */
  calendar: WorkingCalendar
  /** Dates are read in this zone (default Asia/Shanghai). */
  timeZone?: string
}

/** A run of clauses doing the same thing within one item: one record comes of it. */
interface Segment {
  role: Exclude<Role, 'question' | 'neutral'>
  clauses: Clause[]
  item: Item
  /** A fix told done whose last step is still ahead, read as progress (stepsOnTheWay). */
  onTheWay?: boolean
}

/** Why a message gave what it gave, for `npm run parse -- --explain`. */
export interface Explanation {
  /** Set when the whole message was set aside: a notice to everyone, an invitation to raise problems, a command. */
  setAside: 'notice' | 'invitation' | 'command' | null
  items: { text: string; section: Item['section']; clauses: Pick<Clause, 'text' | 'role' | 'rule' | 'families'>[] }[]
  records: ParsedRecord[]
}

/**
 * The records of one chat message: progress (one per message, merged from its items), issues (one
 * per problem) and resolutions, the main one of each type first. Pure: the same input and calendar
 * give the same records. Commands never get here (the router and `npm run parse` read them first).
 */
export function parseMessage(input: MessageInput, options: ParseOptions): ParsedRecord[] {
  return readMessage(input, options).records
}

export function explainMessage(input: MessageInput, options: ParseOptions): Explanation {
  const { text, notice, items, records } = readMessage(input, options)
  return {
    setAside: notice && records.length === 0 ? (shows(text, 'invitation') ? 'invitation' : 'notice') : null,
    items: items.map(({ item, clauses }) => ({
      text: item.text,
      section: item.section,
      clauses: clauses.map(({ text, role, rule, families }) => ({ text, role, rule, families })),
    })),
    records,
  }
}

/** One message read: its normalised text, whether it is a notice, its items' clauses, its records. */
interface Reading {
  text: string
  notice: boolean
  items: { item: Item; clauses: Clause[] }[]
  records: ParsedRecord[]
}

function readMessage(input: MessageInput, options: ParseOptions): Reading {
  const today = dateInZone(new Date(input.sentAt), options.timeZone ?? MESSAGE_TIMEZONE)
  const message = normalizeMessage(input.body.slice(0, PARSE_LIMIT), input.quoted?.slice(0, PARSE_LIMIT))
  // A report's courtesies ("请各位领导审阅", "各位领导好", "麻烦帮忙协调一下") are no notice to
  // everyone and no request of their own: they go before reading (courtesy.ts).
  const text = withoutCourtesies(message.text).replace(COURTESY, ' ').trim()
  const items = splitItems(text).map((item) => ({ item, clauses: splitClauses(item.text).map((c) => classifyClause(c, today, options.calendar)) }))
  // "@所有人" makes an announcement of whatever follows: "@所有人 推进群今天建立，要求9月底前完成供地".
  const notice = message.toEveryone || shows(text, 'invitation') || noticeWeighed(items.flatMap((i) => i.clauses))
  const segments = items.flatMap(({ item, clauses }) => stepsOnTheWay(segmentsOf(item, clauses), clauses))
  const records = notice ? noticeRecords(segments, today) : toRecords(segments, message.quoted, today)
  return { text, notice, items, records: applyTags(records, message.tags, items) }
}

/**
 * A notice marker ("请各单位", "通知", "各项目要…") is one piece of evidence, weighed with the rest:
 * it makes the message a notice when it opens the message ("各项目注意防台风，…"), or when no other
 * clause reports a concrete problem or a fix ("明天下午两点开协调会,请各单位准时参加"). A report that only
 * ends on one ("…桩机进不去，请各位领导知悉") stays a report.
 */
function noticeWeighed(clauses: Clause[]): boolean {
  const marked = clauses.map((c) => c.facts.has('notice'))
  if (!marked.includes(true)) return false
  if (marked[0]) return true
  const concrete = (c: Clause) => c.role === 'issue' && CONCRETE_PROBLEMS.some((f) => c.facts.has(f))
  return !clauses.some((c, i) => !marked[i] && (c.role === 'resolution' || concrete(c)))
}

/**
 * Groups an item's clauses into segments: a clause with a role starts a segment unless it
 * continues the current one; neutral clauses ("企业要求1月20日前必须拿到证") join the segment
 * before them, or the next one when they come first. A question ends the current segment.
 */
function segmentsOf(item: Item, clauses: Clause[]): Segment[] {
  const segments: Segment[] = []
  let current: Segment | undefined
  let pending: Clause[] = []
  for (const clause of clauses) {
    if (clause.role === 'question') {
      current = undefined
      pending = []
    } else if (current?.role === 'resolution' && BUT_REQUIRES.test(clause.text)) {
      // Granted, but on a condition not yet met, is the problem still: "授信批了，但要先办抵押登记".
      current.role = 'issue'
      current.clauses.push(clause)
    } else if (clause.role === 'neutral' && current?.role === 'resolution' && CONTRAST.test(clause.text)) {
      // A contrast after a close speaks of something else, not of what was done: "水通咗，…不过燃气
      // 仲未有消息" closes the water issue, and its words are not the gas.
      current = undefined
      pending = [clause]
    } else if (clause.role === 'neutral' || (clause.planOnly && current?.role === 'issue')) {
      if (current) current.clauses.push(clause)
      else pending.push(clause)
    } else if (current?.role === clause.role && !(clause.role === 'issue' && newTopic(current, clause))) {
      current.clauses.push(clause)
    } else if (clause.role === 'issue' && current?.role === 'progress' && current.clauses.every((c) => c.planOnly || c.role === 'neutral')) {
      // A plan that only leads to the problem is its background: "项目明年投产需要400名操作工，…招工难度很大".
      current.role = 'issue'
      current.clauses.push(clause)
    } else if (clause.role === 'resolution' && current?.role === 'issue') {
      // A problem told and then its fix, in one breath, is the story of a fix: "上周反映的用工问题，
      // 人社局已经帮忙解决了", "面临用工短缺的紧迫问题…迅速调集50多名熟练操作工".
      current.role = 'resolution'
      current.clauses.push(clause)
    } else {
      current = { role: clause.role, clauses: [...pending, clause], item }
      pending = []
      segments.push(current)
    }
  }
  // Under a problems heading, an item that says nothing else is still a problem listed.
  if (segments.length === 0 && item.section === 'issue' && clauses.some((c) => c.role !== 'question')) {
    segments.push({ role: 'issue', clauses, item })
  }
  return segments
}

/**
 * A fix told done whose last step the same item then says is still ahead is a step on the way, not
 * the fix: "授信已审批通过，目前正在办理抵押登记，预计下周放款", "补偿款已拨付到村账户，暂未发放到户",
 * "卷帘装好了，已经约了住建局下周一复验". What is said last about the fix holds, so a close that
 * ends the item stands ("补偿款明天发放到户，村民已撤离"), and so does a close followed by the
 * project's own next step ("设备放行了，明天开始吊装"). The step is read as a plan: the message core
 * makes it news of the issue it is about.
 */
function stepsOnTheWay(segments: Segment[], clauses: Clause[]): Segment[] {
  const lastDone = clauses.findLastIndex((c) => c.role === 'resolution')
  if (lastDone < 0 || !clauses.slice(lastDone + 1).some(fixStillAhead)) return segments
  return segments.map((s) => (s.role === 'resolution' ? { ...s, role: 'progress', onTheWay: true } : s))
}

/**
 * A clause that names the last step of a fix as ahead: planned, dated, under way, not yet done, or
 * after something else ("修改稿报来后我局按程序审批"); or the rest of it still outstanding ("剩下
 * 2000万等证下来再放", "就剩你们这一根杆子了").
 */
const fixStillAhead = (c: Clause): boolean =>
  (c.role === 'neutral' || c.role === 'progress') &&
  ((c.facts.has('fix.pending') && !c.facts.mentionsStage() && (c.facts.planned() || c.facts.has('problem.not-done') || /正在|待|[暂尚还仍]未|后/u.test(c.text))) ||
    REMAINDER.test(c.text))

/** The rest of a fix still outstanding: "剩下2000万…再放", "就剩一根杆子了", "其余两户还在谈". */
const REMAINDER = /^(?:剩下|剩余|其余|其他的?|就剩|只剩|还剩)/u

/** A clause that turns to something else: "不过燃气仲未有消息", "但是工人方面还差一点". */
const CONTRAST = /^(?:不过|但是?|可是|只是)/u

/** A clause that puts a condition after a grant: "但要厂房抵押", "不过放款得先办登记", "但放款要先办抵押". */
const BUT_REQUIRES = /^(?:但|但是|可是|不过|只是)[^,，。]{0,6}?(?:要|需要?|得先|必须)/u

/**
 * A problem clause that opens on another team's business ("X的事", "X问题", "X：") starts a problem
 * of its own: "用电的事麻烦优先安排；用工的事请跟进" is two. One that only mentions it does not:
 * "工人工资两个月没发了，业主拖欠工程款", "临时水电还没接，…工人意见很大" are one problem each.
 */
function newTopic(current: Segment, clause: Clause): boolean {
  const lead = keywordsIn(clause.text).find((k) => k.at <= 2 && /^(?:的事|的问题|问题|方面|[:：])/u.test(clause.text.slice(k.at + k.word.length)))
  if (lead === undefined) return false
  const team = bestCategory(textOf(current.clauses))
  return team !== null && lead.category !== team
}

const textOf = (clauses: Clause[]): string => clauses.map((c) => c.text).join('，')
/** Cut at SUMMARY_LIMIT code units, never between the two halves of an emoji ("…👍" keeps 👍 whole or drops it). */
const capSummary = (text: string): string => {
  if (text.length <= SUMMARY_LIMIT) return text
  const end = SUMMARY_LIMIT - 1
  const high = text.charCodeAt(end - 1)
  return `${text.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end)}…`
}
const datesOf = (clauses: Clause[]): DateMention[] => clauses.flatMap((c) => c.dates)
/** An issue's due date: the first deadline ahead ("15号前", "3天内"), not a past fact or a "from then on". */
const firstDeadline = (clauses: Clause[]) => datesOf(clauses).find((d) => d.deadline && !d.past && !d.after)
const firstStage = (clauses: Clause[]) => clauses.find((c) => c.stage)?.stage ?? null
const firstPercent = (clauses: Clause[]) => clauses.find((c) => c.percent !== null)?.percent ?? null

/**
 * A plan's date: the first date ahead that is not a "from then on" (国庆后进场施工), preferring a
 * clause that says it is a plan ("于今年8月启动…，预计今年底投入使用" → 年底).
 */
function planDate(clauses: Clause[], today: LocalDate): DateMention | undefined {
  const planned = clauses.find((c) => c.families.includes('plan') && datesAhead(c, today).length > 0)
  return (planned ? datesAhead(planned, today) : clauses.flatMap((c) => datesAhead(c, today)))[0]
}

const datesAhead = (c: Clause, today: LocalDate): DateMention[] => c.dates.filter((d) => !d.past && !d.after && (d.date === null || d.date > today))

/** Records in message order, progress merged into one: a weekly report is one progress update. */
function toRecords(segments: Segment[], quoted: string, today: LocalDate): ParsedRecord[] {
  const progress = segments.filter((s) => s.role === 'progress')
  const records: ParsedRecord[] = []
  if (progress.length > 0) {
    const clauses = progress.flatMap((s) => s.clauses)
    const plan = planDate(clauses, today)
    const record: ProgressRecord = {
      type: 'progress',
      stage: firstStage(clauses),
      percent: firstPercent(clauses),
      due: plan?.date ?? null,
      summary: capSummary(progress.map((s) => textOf(s.clauses)).join('；')),
    }
    const department = clauses.every((c) => c.planOnly || c.role === 'neutral') ? departmentPlanning(clauses) : undefined
    const placed = department ? { ...record, planOf: department } : record
    records.push(withDueProblem(progress.some((s) => s.onTheWay) ? { ...placed, onTheWay: true as const } : placed, plan?.problem))
  }
  for (const segment of segments) {
    const text = textOf(segment.clauses)
    const summary = capSummary(text)
    if (segment.role === 'issue') {
      const category = issueCategory(segment, text)
      if (!category) continue // "麻烦check一下": a request, but of no team
      const deadline = firstDeadline(segment.clauses)
      // A problem whose team is told by the rest of its item is summed up by the item: what it is about.
      const about = bestCategory(text) ? summary : capSummary(segment.item.text)
      const record: IssueRecord = { type: 'issue', category, due: deadline?.date ?? null, summary: about }
      records.push(withDueProblem(record, deadline?.problem))
    } else if (segment.role === 'resolution') {
      // "已经协调好了" answering a quote about 青苗补偿: the quote tells which team.
      const record: ResolutionRecord = { type: 'resolution', category: bestCategory(text) ?? (quoted ? bestCategory(quoted) : null), summary }
      records.push(record)
    }
  }
  return records
}

/**
 * A department that is the subject of a plan, as the plan's first clause names it: "供电局计划下周…",
 * "自然资源局预计4月中旬…", "燃气公司准备…". Not the project or its builder ("项目计划…", "施工方预计…").
 */
const DEPARTMENT_PLANNING = new RegExp(
  '^((?:[\\u4e00-\\u9fa5]{0,6}?(?:局|供电所|管委会|街道办?|镇政府|镇里|村委会?|办公室|专班))|' +
    '(?:[\\u4e00-\\u9fa5]{0,4}?(?:供电|燃气|水务|自来水|电信|移动|联通|铁塔)(?:公司|所)?))' +
    '(?:这边|那边|方面)?(?:计划|预计|将|准备|拟|争取|力争|安排|打算|下周|本周|近期|月底前)',
  'u',
)

function departmentPlanning(clauses: Clause[]): string | undefined {
  const first = clauses.find((c) => c.planOnly) ?? clauses[0]
  return first ? DEPARTMENT_PLANNING.exec(first.text)?.[1] : undefined
}

/**
 * An issue's team: its own words', else, for a demand with a deadline or a plain problem, those of
 * the item it stands in ("子女入学不知道怎么办理? 最好6月底前有个答复" → 子女入学, "燃气的事定下来
 * 没有? 燃料定不了只能改电窑" → 燃气; but not for mere urgency: "环评什么时候能下来? 企业很着急");
 * a problem plainly stated but of no team is the catch-all
 * team's ("代建主体到现在还没定下来"); a bare request of no team is none ("麻烦check一下").
 */
function issueCategory(segment: Segment, text: string): Category | null {
  const plainProblem = segment.clauses.some((c) => c.role === 'issue' && !c.weakProblem && c.families.some((f) => STATED_PROBLEMS.includes(f)))
  const own = bestCategory(text) ?? (firstDeadline(segment.clauses) || plainProblem ? bestCategory(segment.item.text) : null)
  if (own) return own
  return plainProblem ? 'other' : null
}

/**
 * A notice to everyone records no issue, but the facts and targets it gives are the project's:
 * "项目已于4月28日正式签约，县里要求6月底前完成供地，请各部门按节点推进" is signed, planned for
 * June. Only a stage, a share or a date makes a notice's progress worth a record.
 */
function noticeRecords(segments: Segment[], today: LocalDate): ParsedRecord[] {
  // Facts are told as done ("已于4月28日正式签约", "设备已经全部安装完毕"); a requirement is not
  // ("要求是当年签约、当年供地"), but its dated target is ("要求6月底前完成供地").
  const fact = (c: Clause) => c.percent !== null || /已|了/u.test(c.text) || c.dates.some((d) => d.past)
  const target = (c: Clause) => c.facts.mentionsStage() && c.dates.some((d) => !d.past && !d.after)
  const progress = segments.filter((s) => (s.role === 'progress' && s.clauses.some(fact)) || s.clauses.some(target))
  const [record] = toRecords(progress.map((s) => ({ ...s, role: 'progress' })), '', today)
  return record && record.type === 'progress' && (record.stage !== null || record.percent !== null || record.due !== null) ? [record] : []
}

/** When the calendar lacks a year, the due date stays null and the record says why. */
function withDueProblem<T extends ProgressRecord | IssueRecord>(record: T, problem: string | undefined): T {
  return problem ? { ...record, dueProblem: problem } : record
}

/** `#问题` / `#进度` make sure a record of that type exists, even where the words alone do not. */
function applyTags(records: ParsedRecord[], tags: Set<'progress' | 'issue'>, items: { clauses: Clause[] }[]): ParsedRecord[] {
  if (tags.size === 0) return records
  const clauses = items.flatMap((i) => i.clauses)
  const text = textOf(clauses)
  const summary = capSummary(text)
  const out = [...records]
  if (tags.has('issue') && !out.some((r) => r.type === 'issue')) {
    out.push({ type: 'issue', category: bestCategory(text) ?? 'other', due: firstDeadline(clauses)?.date ?? null, summary })
  }
  if (tags.has('progress') && !out.some((r) => r.type === 'progress')) {
    out.push({ type: 'progress', stage: firstStage(clauses), percent: firstPercent(clauses), due: null, summary })
  }
  return out
}
