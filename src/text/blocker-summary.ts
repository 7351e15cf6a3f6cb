import type { LocalDate } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import type { LiaisonToMention } from '../domain/liaisons.ts'
import type { WorkingDayCounter } from '../domain/sla.ts'
import type { Teams } from '../domain/teams.ts'
import type { OpenIssue } from '../domain/types.ts'
import { clip, dateText, issueAgeText, PROVISIONAL_MARK, shortDate, URGENCY_MARK } from './labels.ts'

export type SummaryIssue = Pick<
  OpenIssue,
  'number' | 'category' | 'summary' | 'openedOn' | 'ageWorkingDays' | 'dueOn' | 'urgency' | 'overdueWorkingDays' | 'status' | 'provisional'
>

/**
 * The morning list of a group's open issues, most urgent first (the order the store gives), or null
 * when there is none: a group without open issues gets nothing.
 */
export function renderBlockerSummary(input: {
  issues: readonly SummaryIssue[]
  days: WorkingDayCounter
  teams: Teams
  /** The liaisons @mentioned with the text, named at its end. */
  liaisons: readonly LiaisonToMention[]
}): string | null {
  const { issues, days, teams } = input
  if (issues.length === 0) return null
  const red = issues.filter((i) => i.urgency === 'red').length
  const yellow = issues.filter((i) => i.urgency === 'yellow').length
  const marks = [red > 0 ? `🔴超期 ${red} 个` : '', yellow > 0 ? `🟡临期 ${yellow} 个` : ''].filter((m) => m !== '')
  const lines = [
    `📌 问题督办（${shortDate(days.today)}）：本群未办结问题 ${issues.length} 个${marks.length > 0 ? `，其中${marks.join('、')}` : ''}`,
  ]
  for (const i of issues) lines.push(renderSummaryIssue(i, days, teams))
  if (input.liaisons.length > 0) {
    lines.push(`请联络员跟进：${input.liaisons.map((l) => `${l.contact.name}（${teams[l.category].name}）`).join('、')}`)
  }
  lines.push('办结后引用问题消息回复“已解决”，或发 /解决 编号 办法。')
  return lines.join('\n')
}

/**
 *   🔴 #3 土地工作专班 · 已9个工作日 · 10月9日到期，超期2个工作日
 *      征地拆迁还有两户没谈妥
 * A due date or count that used a provisional year ends "（暂定）": "2027年1月4日到期，还剩1个工作日（暂定）".
 */
export function renderSummaryIssue(i: SummaryIssue, days: WorkingDayCounter, teams: Teams): string {
  const head = [
    `${URGENCY_MARK[i.urgency]} #${i.number} ${teams[i.category].name}`,
    issueAgeText(i.ageWorkingDays, i.openedOn, days.today),
    `${dueText(i, days)}${i.dueOn !== null && i.provisional ? `（${PROVISIONAL_MARK}）` : ''}`,
    ...(i.status === 'reopened' ? ['已重开'] : []),
  ]
  return `${head.join(' · ')}\n   ${clip(i.summary, 40)}`
}

function dueText(i: SummaryIssue, days: WorkingDayCounter): string {
  if (i.dueOn === null) return '未定期限'
  const due: LocalDate = i.dueOn
  // Past due on a weekend or holiday is overdue by no working day yet: "已超期" without a count.
  const on = dateText(due, days.today)
  if (i.urgency === 'red') return `${on}到期，${i.overdueWorkingDays > 0 ? `超期${i.overdueWorkingDays}个工作日` : '已超期'}`
  if (i.urgency === 'green') return `${on}到期`
  // Yellow: the counter already knows these days (urgency asked it), and they are at most two;
  // unless they lie in a year the calendar lacks ("1月5日前" seen on 12月20日), then uncounted.
  let left: number
  try {
    left = days.from(days.today, due)
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return `${on}到期`
    throw error
  }
  return left === 0 ? `今天（${on}）到期` : `${on}到期，还剩${left}个工作日`
}
