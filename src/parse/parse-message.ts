import { dateInZone, type LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { bestCategory } from './categories.ts'
import { classifyClause, splitClauses, type Clause, type Role } from './clauses.ts'
import type { DateMention } from './dates.ts'
import { normalizeMessage } from './normalize.ts'
import { NOTICE } from './signals.ts'
import type { IssueRecord, ParsedRecord, ProgressRecord, ResolutionRecord } from './types.ts'

/** Dates in messages are calendar dates in the city's timezone, whatever the process runs in. */
export const MESSAGE_TIMEZONE = 'Asia/Shanghai'

/** Summaries are for replies and the ledger; the message itself is kept whole in the store. */
const SUMMARY_LIMIT = 120

/** One message as the parser reads it: the sender's words apart from what they quoted. */
export interface MessageInput {
  /** The sender's own words (a quoted block already taken off: chat-text.ts splitQuote). */
  body: string
  /** The text of the message quoted in a WeChat quoted reply; tells which team a bare "已解决" means. */
  quoted?: string
  sentAt: Date | string
}

export interface ParseOptions {
  /** The official calendar, for "10个工作日内". */
  calendar: WorkingCalendar
  /** Dates are read in this zone (default Asia/Shanghai). */
  timeZone?: string
}

/** A run of clauses doing the same thing: one record comes of it. */
interface Segment {
  role: Exclude<Role, 'question' | 'neutral'>
  clauses: Clause[]
}

/**
 * The records of one chat message: progress, issues and resolutions, main one of each type first.
 * Pure: the same input and calendar give the same records. Commands never get here (the router and
 * `npm run parse` read them first).
 */
export function parseMessage(input: MessageInput, options: ParseOptions): ParsedRecord[] {
  const { calendar } = options
  const today = dateInZone(new Date(input.sentAt), options.timeZone ?? MESSAGE_TIMEZONE)
  const message = normalizeMessage(input.body, input.quoted)
  // Notices to everyone report nothing.
  if (NOTICE.test(message.text)) return []

  const clauses = splitClauses(message.text).map((c) => classifyClause(c, today, calendar))
  const records = segmentsOf(clauses).map((s) => toRecord(s, message.quoted, today))
  const kept = records.filter((r): r is ParsedRecord => r !== null)
  return applyTags(kept, message.tags, clauses)
}

/**
 * Groups clauses into segments: a clause with a role starts a segment unless it continues the
 * current one; neutral clauses ("企业要求1月20日前必须拿到证") join the segment before them, or
 * the next one when they come first. A question ends the current segment.
 */
function segmentsOf(clauses: Clause[]): Segment[] {
  const segments: Segment[] = []
  let current: Segment | undefined
  let pending: Clause[] = []
  for (const clause of clauses) {
    if (clause.role === 'question') {
      current = undefined
      pending = []
    } else if (clause.role === 'neutral' || (clause.planOnly && current?.role === 'issue')) {
      if (current) current.clauses.push(clause)
      else pending.push(clause)
    } else if (current?.role === clause.role) {
      current.clauses.push(clause)
    } else if (clause.role === 'resolution' && current?.role === 'issue' && current.clauses.every((c) => c.role !== 'issue' || c.weakProblem)) {
      // "上周反映的用工问题，人社局已经帮忙解决了": the problem named is the one now solved.
      current.role = 'resolution'
      current.clauses.push(clause)
    } else {
      current = { role: clause.role, clauses: [...pending, clause] }
      pending = []
      segments.push(current)
    }
  }
  return segments
}

const textOf = (clauses: Clause[]): string => clauses.map((c) => c.text).join('，')
const capSummary = (text: string): string => (text.length > SUMMARY_LIMIT ? `${text.slice(0, SUMMARY_LIMIT - 1)}…` : text)
const datesOf = (clauses: Clause[]): DateMention[] => clauses.flatMap((c) => c.dates)
/** An issue's due date: the first deadline ahead ("15号前", "3天内"), not a past fact or a "from then on". */
const firstDeadline = (clauses: Clause[]) => datesOf(clauses).find((d) => d.deadline && !d.past && !d.after)
const firstStage = (clauses: Clause[]) => clauses.find((c) => c.stage)?.stage ?? null
const firstPercent = (clauses: Clause[]) => clauses.find((c) => c.percent !== null)?.percent ?? null

function toRecord(segment: Segment, quoted: string, today: LocalDate): ParsedRecord | null {
  const { clauses } = segment
  const text = textOf(clauses)
  const summary = capSummary(text)
  switch (segment.role) {
    case 'progress': {
      // The plan's date: the first one ahead that is not a "from then on" (国庆后进场施工).
      const plan = datesOf(clauses).find((d) => !d.past && !d.after && (d.date === null || d.date > today))
      const record: ProgressRecord = {
        type: 'progress',
        stage: firstStage(clauses),
        percent: firstPercent(clauses),
        due: plan?.date ?? null,
        summary,
      }
      return withDueProblem(record, plan?.problem)
    }
    case 'issue': {
      const category = bestCategory(text)
      if (!category) return null // "麻烦check一下": a request, but of no team
      const deadline = firstDeadline(clauses)
      const record: IssueRecord = { type: 'issue', category, due: deadline?.date ?? null, summary }
      return withDueProblem(record, deadline?.problem)
    }
    case 'resolution': {
      // "已经协调好了" answering a quote about 青苗补偿: the quote tells which team.
      const category = bestCategory(text) ?? (quoted ? bestCategory(quoted) : null)
      const record: ResolutionRecord = { type: 'resolution', category, summary }
      return record
    }
  }
}

/** When the calendar lacks a year, the due date stays null and the record says why. */
function withDueProblem<T extends ProgressRecord | IssueRecord>(record: T, problem: string | undefined): T {
  return problem ? { ...record, dueProblem: problem } : record
}

/** `#问题` / `#进度` make sure a record of that type exists, even where the words alone do not. */
function applyTags(records: ParsedRecord[], tags: Set<'progress' | 'issue'>, clauses: Clause[]): ParsedRecord[] {
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
