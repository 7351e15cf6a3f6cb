import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { scoreCategories } from './categories.ts'
import { findDates, type DateMention } from './dates.ts'
import { findPercent } from './percent.ts'
import {
  ACTIVITY,
  DONE,
  NEGATED_AFTER,
  NEGATED_BEFORE,
  PLAN,
  PROBLEM,
  PROBLEM_NOUNS,
  QUESTION,
  RESOLVED_NEGATED,
  RESOLVED_STRONG,
  RESOLVED_WEAK,
} from './signals.ts'
import { findStages } from './stages.ts'
import type { Stage } from './types.ts'

/** What one clause of a message is doing. */
export type Role = 'question' | 'resolution' | 'progress' | 'issue' | 'neutral'

export interface Clause {
  text: string
  role: Role
  /** A milestone the clause says has been reached. */
  stage: Stage | null
  percent: number | null
  dates: DateMention[]
  /** Progress known only from a plan with a date ("设备下周三进场"): after an issue, it is the
   *  issue's own deadline talk ("施工方承诺10个工作日内整改完毕"), so it does not start a record. */
  planOnly: boolean
  /** An issue clause whose only problem words are 问题 / 反映: it may just name a known problem. */
  weakProblem: boolean
}

/**
 * Clauses end at punctuation, line breaks and spaces ("场平已完成七成 计划下月底开工"), and a
 * question mark stays with its clause. A dot ends a clause only outside numbers: 3.15前, 1.2亿.
 * 、 joins a list inside one clause: "当年签约、当年供地".
 */
export function splitClauses(text: string): string[] {
  return text
    .split(/(?<=[?？])|[,，。;；!！\n]+|\s+|(?<!\d)\.|\.(?!\d)/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
}

const isFuture = (d: DateMention): boolean => !d.past

/** A stage word that is not negated or hypothetical: "还没开工", "影响明年一季度开工" and
 *  "试生产受影响" are not. */
function reachedStage(text: string): { stage: Stage; end: number } | null {
  for (const { stage, index, end } of findStages(text)) {
    if (NEGATED_BEFORE.test(text.slice(Math.max(0, index - 8), index))) continue
    if (NEGATED_AFTER.test(text.slice(end))) continue
    return { stage, end }
  }
  return null
}

export function classifyClause(text: string, today: LocalDate, calendar: WorkingCalendar): Clause {
  const dates = findDates(text, today, calendar)
  const clause: Clause = { text, role: 'neutral', stage: null, percent: null, dates, planOnly: false, weakProblem: false }
  if (QUESTION.test(text)) return { ...clause, role: 'question' }

  // A date ahead makes it a promise or a plan, not a report: "施工方承诺10个工作日内整改完毕".
  const planned = PLAN.test(text) || dates.some(isFuture)
  // A milestone outranks done-words: "不动产权证也办好了" is land supplied, more than a fix.
  // ...unless trouble follows it in the same breath: "项目签约快一年了还没供地" is about land.
  const reached = reachedStage(text)
  const stage = reached?.stage ?? null
  const troubleAfter = reached !== null && PROBLEM.test(text.slice(reached.end))
  if (stage && !planned && !troubleAfter) return { ...clause, role: 'progress', stage }

  const resolvedWordsOk = !planned && !RESOLVED_NEGATED.test(text)
  if (resolvedWordsOk && RESOLVED_STRONG.test(text)) return { ...clause, role: 'resolution' }

  const percent = findPercent(text)
  if (percent !== null) return { ...clause, role: 'progress', percent }

  if (PROBLEM.test(text)) {
    return { ...clause, role: 'issue', weakProblem: !PROBLEM.test(text.replace(PROBLEM_NOUNS, '')) }
  }

  const activity = ACTIVITY.test(text)
  const topic = scoreCategories(text).length > 0
  if (resolvedWordsOk && RESOLVED_WEAK.test(text) && topic && !activity) return { ...clause, role: 'resolution' }

  // Site work done or under way ("主体封顶了"), or a plan with a date ("预计3月底封顶",
  // "将于6月下旬组织验收", "设备下周三进场").
  const dated = dates.some((d) => isFuture(d) && !d.after && d.date !== null)
  if (activity && DONE.test(text) && !planned) return { ...clause, role: 'progress' }
  if ((activity && (dated || DONE.test(text))) || (stage && planned && !troubleAfter) || (PLAN.test(text) && dated)) {
    return { ...clause, role: 'progress', planOnly: true }
  }
  return clause
}
