import type { LocalDate } from '../calendar/local-date.ts'
import { scoreCategories } from '../parse/categories.ts'
import { normalizeMessage } from '../parse/normalize.ts'
import { namePairs, overlap, topicTerms, type TopicTerms } from '../parse/topic-terms.ts'
import type { Category, IssueRecord, ParsedRecord, ProgressRecord, ResolutionRecord } from '../parse/types.ts'
import { isOpenStatus } from './issue-status.ts'
import type { Issue } from './types.ts'

/** What placing a message needs of an issue: which it is, its team and state, its words, its deadline. */
export type TopicIssue = Pick<Issue, 'id' | 'number' | 'category' | 'status' | 'summary' | 'dueOn'>

/** An issue as the ledger knows it: its own words and those of every message that followed it up. */
export interface IssueTopic {
  issue: TopicIssue
  text: string
}

/**
 * At least this much in common makes two texts speak of one problem: a shared team keyword of
 * weight 2 in the same team, or three other word pairs. "燃气的事还是没动静" and "燃气管道还没接到厂区"
 * share 燃气 (3); "林地要办使用林地审核" and "青苗和鱼塘补偿没谈妥" share nothing but the team.
 */
export const SAME_PROBLEM = 3

/** A resolution this short, naming no team, says only "done": "问题已解决，谢谢大家", "已经协调好了". */
const BARE_CHARS = 12

export type ResolutionTarget = { kind: 'close'; issue: TopicIssue } | { kind: 'ask'; candidates: TopicIssue[] } | { kind: 'none' }

/** What becomes of each record a message gave, once the ledger's open issues are taken into account. */
export type RecordPlan =
  | { kind: 'progress'; record: ProgressRecord }
  /** A problem not yet in the ledger; `recurs` when it is one closed before, come back. */
  | { kind: 'new-issue'; record: IssueRecord; recurs: TopicIssue | null }
  /** News of an open issue (a repeat, a nudge, how it is being handled); `due` when it sets a deadline. */
  | { kind: 'follow-up'; record: IssueRecord | ProgressRecord; issue: TopicIssue; due: LocalDate | null }
  | { kind: 'resolution'; record: ResolutionRecord; target: ResolutionTarget }

export interface QuotedIssues {
  /** The issues the quoted message raised, followed up or confirmed. */
  issues: TopicIssue[]
  /** The quoted text, which tells what a bare "已经协调好了" is about. */
  text: string
}

const isOpen = (i: TopicIssue) => isOpenStatus(i.status)

interface Known {
  issue: TopicIssue
  terms: TopicTerms
}

/**
 * Places a message's records in the ledger as a careful official would:
 * - an issue already open in the project (the same problem in other words, or the quoted one) is
 *   followed up, never opened twice; a weekly report that repeats open problems and adds new ones
 *   raises only the new ones;
 * - a plan that speaks of an open issue ("预计下周二能送电") is news of that issue, not progress;
 * - a resolution closes the open issue it speaks of ("临时用电容量的问题已经解决了" → the power
 *   issue, not the road one), never one the same message says is still open;
 * - a problem that comes back after it was closed is a new issue that names the old one.
 */
export function planRecords(input: {
  records: readonly ParsedRecord[]
  topics: readonly IssueTopic[]
  quoted: QuotedIssues | undefined
  /** The project's name: every message of its group may say it, so it tells nothing. */
  projectName: string
}): RecordPlan[] {
  const common = namePairs(input.projectName)
  const termsOf = (text: string) => topicTerms(text, common)
  const known = input.topics.map((t) => ({ issue: t.issue, terms: termsOf(t.text) }))
  const open = known.filter((k) => isOpen(k.issue))
  const closed = known.filter((k) => !isOpen(k.issue))
  const quotedOpen = (input.quoted?.issues ?? []).filter(isOpen)
  const stillOpen = new Set<number>()
  const plans: RecordPlan[] = []

  const followed = (record: IssueRecord | ProgressRecord): TopicIssue | null => {
    if (quotedOpen.length === 1) return quotedOpen[0]!
    // An issue is of its own team ("临时水电还没接，…工人意见很大" is no labour matter) unless it names
    // none (the catch-all by default: "营业执照信息还没同步到平台"); a plan names its teams.
    const named = teamsNamed(record.summary)
    const teams = record.type === 'issue' ? (named.size > 0 ? new Set([record.category]) : named) : named
    return bestMatch(termsOf(record.summary), teams, open)
  }
  for (const record of input.records) {
    if (record.type === 'issue') {
      const issue = followed(record)
      if (issue) {
        stillOpen.add(issue.id)
        plans.push({ kind: 'follow-up', record, issue, due: record.due })
      } else {
        plans.push({ kind: 'new-issue', record, recurs: bestMatch(termsOf(record.summary), new Set([record.category]), closed) })
      }
    } else if (record.type === 'progress') {
      // A stage reached or a share done is the project's progress whoever says it; a plan that
      // speaks of an open issue, or of the team of the only one open, is news of that issue.
      const issue = record.stage === null && record.percent === null ? (followed(record) ?? onlyOfTeams(record.summary, open)) : null
      plans.push(issue ? { kind: 'follow-up', record, issue, due: null } : { kind: 'progress', record })
    }
  }
  for (const record of input.records) {
    if (record.type !== 'resolution') continue
    const candidates = open.filter((k) => !stillOpen.has(k.issue.id))
    plans.push({ kind: 'resolution', record, target: chooseIssueToClose(record, input.quoted, candidates, termsOf) })
  }
  return plans
}

/**
 * How much a text speaks of an issue: the words they share, and one more when it names the issue's
 * team. A text that names only other teams must share twice as much: "工人工资两个月没发了" shares
 * 工人 and 停工 with a worker's fall, but it is about wages, not safety.
 */
function score(terms: TopicTerms, teams: ReadonlySet<Category>, k: Known): number {
  const shared = overlap(terms, k.terms)
  if (teams.has(k.issue.category)) return shared + 1
  return teams.size === 0 ? shared : shared / 2
}

/** The open (or closed) issue a text speaks of most, when it speaks of one clearly enough; the latest on a tie. */
function bestMatch(terms: TopicTerms, teams: ReadonlySet<Category>, among: readonly Known[]): TopicIssue | null {
  let best: { issue: TopicIssue; score: number } | null = null
  for (const k of among) {
    const s = score(terms, teams, k)
    if (s >= SAME_PROBLEM && (!best || s > best.score || (s === best.score && k.issue.number > best.issue.number))) best = { issue: k.issue, score: s }
  }
  return best?.issue ?? null
}

/** The only open issue of the team a text names, when it names exactly one team: "预计下周二能送电" → the power issue. */
function onlyOfTeams(text: string, open: readonly Known[]): TopicIssue | null {
  const teams = new Set(scoreCategories(normalizeMessage(text).text).map((s) => s.category))
  if (teams.size !== 1) return null
  const ofTeam = open.filter((k) => teams.has(k.issue.category))
  return ofTeam.length === 1 ? ofTeam[0]!.issue : null
}

/** The teams a text plainly names: a strong keyword, or two weak ones ("地块" alone is no land matter). */
const teamsNamed = (text: string): Set<Category> =>
  new Set(
    scoreCategories(normalizeMessage(text).text)
      .filter((s) => s.score >= 2)
      .map((s) => s.category),
  )

/**
 * Which issue a "已解决" closes, only when it is clear: the quoted one; else the one whose words it
 * shares (with the quoted text's); else the only open issue of the team it names, or the only open
 * issue at all when it names none. Two that fit equally make a question to the group, never a guess.
 */
function chooseIssueToClose(
  record: ResolutionRecord,
  quoted: QuotedIssues | undefined,
  candidates: readonly Known[],
  termsOf: (text: string) => TopicTerms,
): ResolutionTarget {
  if (quoted && quoted.issues.length > 0) {
    const open = quoted.issues.filter((i) => candidates.some((c) => c.issue.id === i.id))
    if (open.length === 1) return { kind: 'close', issue: open[0]! }
    return open.length > 1 ? { kind: 'ask', candidates: open } : { kind: 'none' }
  }
  const text = `${record.summary} ${quoted?.text ?? ''}`
  const terms = termsOf(text)
  const teams = teamsNamed(text)
  const scored = candidates.map((k) => ({ issue: k.issue, score: score(terms, teams, k) }))
  const top = Math.max(0, ...scored.map((s) => s.score))
  if (top >= SAME_PROBLEM) return oneOrAsk(scored.filter((s) => s.score === top).map((s) => s.issue))
  // Nothing shared: a bare "问题已解决" or "供电的事办好了" means the only open issue (of that team);
  // a fix of something named that no open issue speaks of ("新水渠今天通水了" beside a gas issue,
  // "一个好消息，SC证拿到了" beside a loan) closes none.
  const bare = ![...terms.keys()].some((t) => t.startsWith('concept:')) && (record.category !== null || Array.from(record.summary).length <= BARE_CHARS)
  const sameTeam = record.category ? candidates.filter((k) => k.issue.category === record.category) : candidates
  return bare || top > 0 ? oneOrAsk(sameTeam.map((k) => k.issue)) : { kind: 'none' }
}

function oneOrAsk(issues: TopicIssue[]): ResolutionTarget {
  if (issues.length === 1) return { kind: 'close', issue: issues[0]! }
  return issues.length > 1 ? { kind: 'ask', candidates: issues } : { kind: 'none' }
}
