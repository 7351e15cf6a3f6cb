import type { LocalDate } from '../calendar/local-date.ts'
import { scoreCategories } from '../parse/categories.ts'
import { splitClauses } from '../parse/clauses.ts'
import { normalizeMessage } from '../parse/normalize.ts'
import { shows } from '../parse/phrases.ts'
import { namePairs, overlap, topicTerms, type TopicTerms } from '../parse/topic-terms.ts'
import type { Category, IssueRecord, ParsedRecord, ProgressRecord, ResolutionRecord } from '../parse/types.ts'
import { isOpenStatus } from './issue-status.ts'
import type { Issue } from './types.ts'

/** What placing a message needs of an issue: which it is, its team and state, its words, its deadline. */
export type TopicIssue = Pick<Issue, 'id' | 'number' | 'category' | 'status' | 'summary' | 'openedOn' | 'dueOn'> & {
  /** When a message last spoke of it: its report or its latest follow-up. */
  lastSaidAt?: Date
}

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

/** A plan that shares this much with one open issue, and less with every other, is news of it. */
const CLOSE_ENOUGH = 2

/** How long after an issue was spoken of a plain plan is taken for an answer to it. */
const JUST_SPOKEN_MS = 24 * 60 * 60 * 1000

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
  /** The due date an issue opened on that day gets when its report names none (the SLA). */
  defaultDue?: (openedOn: LocalDate) => LocalDate | null
  /** When the message was sent: a plan right after an issue was spoken of answers it. */
  sentAt?: Date
}): RecordPlan[] {
  const common = namePairs(input.projectName)
  const termsOf = (text: string) => topicTerms(text, common)
  const known = input.topics.map((t) => ({ issue: t.issue, terms: termsOf(t.text) }))
  const open = known.filter((k) => isOpen(k.issue))
  const closed = known.filter((k) => !isOpen(k.issue))
  const quotedOpen = (input.quoted?.issues ?? []).filter(isOpen)
  const stillOpen = new Set<number>()
  const plans: RecordPlan[] = []
  const done: { record: ProgressRecord; issue: TopicIssue }[] = []

  const followed = (record: IssueRecord | ProgressRecord): TopicIssue | null => {
    // A problem its reporter labels new is new, whatever words it shares with an open one.
    if (record.type === 'issue' && LABELLED_NEW.test(normalizeMessage(record.summary).text)) return null
    if (quotedOpen.length === 1) return quotedOpen[0]!
    // An issue is of its own team ("临时水电还没接，…工人意见很大" is no labour matter) unless it names
    // none (the catch-all by default: "营业执照信息还没同步到平台"); a plan names its teams.
    const named = teamsNamed(record.summary)
    const teams = record.type === 'issue' ? (named.size > 0 ? new Set([record.category]) : named) : named
    return bestMatch(termsOf(record.summary), teams, open)
  }
  // A plan that shares words with one open issue more than with any other, if less than a repeat
  // would: "新管线已经焊接完成，正在打压试验，计划周四晚上停气切换" beside "燃气管道改迁还没开始".
  const closest = (record: ProgressRecord): TopicIssue | null => {
    const terms = termsOf(record.summary)
    const scored = open.map((k) => ({ issue: k.issue, score: overlap(terms, k.terms) })).filter((s) => s.score >= CLOSE_ENOUGH)
    const top = Math.max(0, ...scored.map((s) => s.score))
    const best = scored.filter((s) => s.score === top)
    return best.length === 1 ? best[0]!.issue : null
  }
  // A plan that answers the issue just spoken of: "收到，下周三职业学校有个校企对接会，我帮你们报名"
  // right after "机修工和电工招不到人". The issue spoken of last, alone, not long before.
  const justSpokenOf = (): TopicIssue | null => {
    if (!input.sentAt) return null
    const at = input.sentAt.getTime()
    const recent = open.filter((k) => k.issue.lastSaidAt && at - k.issue.lastSaidAt.getTime() >= 0 && at - k.issue.lastSaidAt.getTime() <= JUST_SPOKEN_MS)
    const last = Math.max(...recent.map((k) => k.issue.lastSaidAt!.getTime()))
    const latest = recent.filter((k) => k.issue.lastSaidAt!.getTime() === last)
    return latest.length === 1 ? latest[0]!.issue : null
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
      const plain = record.stage === null && record.percent === null
      // A reply that says the problem it quotes, or plainly repeats, is done closes it, read as
      // progress or not: "證今日攞到手喇" quoting "不动产权证几时可以出？".
      const about = plain ? followed(record) : null
      if (about && record.due === null && !record.onTheWay && saysDone(record.summary)) {
        done.push({ record, issue: about })
        continue
      }
      // A milestone reached that is what an open issue waited for closes it, and stays the
      // project's progress: "不动产权证今天领到了" after "不动产权证还没办下来". Matched by the
      // clauses that say it is done, not by the rest of the report.
      const reached = plain || record.due !== null || record.onTheWay ? '' : doneClauses(record.summary)
      const waited = reached === '' ? null : followed({ ...record, summary: reached })
      if (waited) done.push({ record: { ...record, summary: reached }, issue: waited })
      const issue = plain ? (about ?? onlyOfTeams(record.summary, open) ?? closest(record) ?? justSpokenOf()) : null
      // A date in the reply sets the deadline of an issue whose report named none ("供电局说4月15号前
      //送电" for "还没通电"); a deadline the reporter stated ("最迟12月10号要有电") stands.
      const due = issue && record.due !== null && input.defaultDue && issue.dueOn === input.defaultDue(issue.openedOn) ? record.due : null
      plans.push(issue ? { kind: 'follow-up', record, issue, due } : { kind: 'progress', record })
    }
  }
  for (const { record, issue } of done) {
    const closes = stillOpen.has(issue.id) ? { kind: 'none' as const } : { kind: 'close' as const, issue }
    plans.push({ kind: 'resolution', record: { type: 'resolution', category: issue.category, summary: record.summary }, target: closes })
  }
  for (const record of input.records) {
    if (record.type !== 'resolution') continue
    const candidates = open.filter((k) => !stillOpen.has(k.issue.id))
    plans.push({ kind: 'resolution', record, target: chooseIssueToClose(record, input.quoted, candidates, termsOf) })
  }
  return plans
}

/**
 * A report's label that what follows is a new problem: "4.新问题：一线员工还差九十人",
 * "新增：贷款批了还没放款", "新发现问题：围墙外有一处塌方".
 */
const LABELLED_NEW = /^(?:[\d一二三四五六七八九十]{1,3}[.、]\s*)?(?:新问题|新增(?:问题|困难|事项)?|新发现(?:的)?(?:问题)?|新情况)\s*[:：]/u

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
 * Which issue a completion statement closes: it closes what it is about, matched against what is
 * open — the quoted issue first, then the issue whose words it shares, then the team it names — and
 * only when one issue clearly fits. Two that fit equally make a question to the group, never a guess;
 * a completion no open issue is about closes nothing and asks nothing ("设备采购合同已经签了" beside
 * a power issue and a permit issue is news, not a close).
 */
function chooseIssueToClose(
  record: ResolutionRecord,
  quoted: QuotedIssues | undefined,
  candidates: readonly Known[],
  termsOf: (text: string) => TopicTerms,
): ResolutionTarget {
  const own = { terms: termsOf(record.summary), teams: teamsNamed(record.summary) }
  if (quoted && quoted.issues.length > 0) {
    // "已经接通了" quoting the report of the power problem closes it; quoting a report of two
    // problems, it closes the one its own words are about.
    const open = candidates.filter((c) => quoted.issues.some((i) => i.id === c.issue.id))
    if (open.length <= 1) return open.length === 1 ? { kind: 'close', issue: open[0]!.issue } : { kind: 'none' }
    const scored = open.map((k) => ({ issue: k.issue, score: score(own.terms, own.teams, k) }))
    const top = Math.max(...scored.map((s) => s.score))
    return oneOrAsk(scored.filter((s) => s.score === top).map((s) => s.issue))
  }
  const text = `${record.summary} ${quoted?.text ?? ''}`
  const terms = termsOf(text)
  const teams = teamsNamed(text)
  const scored = candidates.map((k) => ({ issue: k.issue, score: score(terms, teams, k) }))
  const top = Math.max(0, ...scored.map((s) => s.score))
  if (top >= SAME_PROBLEM) return oneOrAsk(scored.filter((s) => s.score === top).map((s) => s.issue))
  const sameTeam = record.category ? candidates.filter((k) => k.issue.category === record.category) : candidates
  // "问题已解决" or "供电的事办好了" names nothing but, at most, a team: the only open issue (of that team).
  if (saysOnlyDone(record, terms)) return oneOrAsk(sameTeam.map((k) => k.issue))
  // It names what was done, and no open issue shares enough of its words: a fix of a named team
  // ("农行的贷款今天放下来了") closes that team's only open issue; otherwise no open issue is about
  // it ("新水渠今天通水了" beside a gas issue, "一个好消息，SC证拿到了" beside a loan), and a pair of
  // words in common ("2号厂房") is no reason to ask.
  return record.category !== null && sameTeam.length === 1 ? { kind: 'close', issue: sameTeam[0]!.issue } : { kind: 'none' }
}

/**
 * Words a completion says without naming what was done: "问题已解决，谢谢大家", "已经协调好了",
 * "搞掂咗，唔该晒" (Cantonese), "这个事情处理完了". What is left of "设备采购合同已经签了" once they are
 * taken out (设备采购合同签) names a thing.
 */
const ONLY_DONE =
  /问题|事情|事儿|这个|那个|此事|的事|已经|全部|解决|办好|办妥|办完|搞定|搞掂|搞好|处理|协调|落实|完成|完毕|谢谢|感谢|多谢|唔该|辛苦|大家|各位|领导|[事已都也均好了完啦喇咗晒嘅的啊呀哈吧]/gu

/** A completion that names no thing: nothing of it is left but its team's words, if any. */
function saysOnlyDone(record: ResolutionRecord, terms: TopicTerms): boolean {
  if ([...terms.keys()].some((t) => t.startsWith('concept:'))) return false
  if (record.category !== null) return true
  const left = normalizeMessage(record.summary).text.replace(ONLY_DONE, '').match(/[\u4e00-\u9fff]/gu)
  return (left?.length ?? 0) <= 1
}

/**
 * A text that says something was done, and not that it was not: the parser's own families
 * (parse/phrases.ts). The done-words must stand in a clause that is no plan approved, condition,
 * order or demand: "场地平整全部完成；燃气管迁改方案已通过评审，下周开挖" closes no gas issue.
 */
const saysDone = (text: string): boolean => {
  const plain = normalizeMessage(text).text
  const done = (c: string) => shows(c, 'resolved.strong') || shows(c, 'resolved.weak')
  const stillToDo = (c: string) => shows(c, 'scheme') || shows(c, 'condition') || shows(c, 'order') || shows(c, 'demand')
  return done(plain) && !shows(plain, 'resolved.negated') && splitClauses(plain).some((c) => done(c) && !stillToDo(c))
}

/** The clauses of a text that say something was done: "不动产权证今天领到了" of a longer report. */
const doneClauses = (text: string): string =>
  splitClauses(normalizeMessage(text).text)
    .filter((c) => saysDone(c) || shows(c, 'resolved.done'))
    .join('，')

function oneOrAsk(issues: TopicIssue[]): ResolutionTarget {
  if (issues.length === 1) return { kind: 'close', issue: issues[0]! }
  return issues.length > 1 ? { kind: 'ask', candidates: issues } : { kind: 'none' }
}
