import type { LocalDate } from '../calendar/local-date.ts'
import type { Teams } from '../domain/teams.ts'
import type { Issue, OpenIssue } from '../domain/types.ts'
import { clip, dateText, issueAgeText, PROVISIONAL_MARK, URGENCY_MARK } from './labels.ts'

/**
 * One open issue on two short lines, phone-readable:
 *   🔴 #3 土地工作专班 · 张三 · 已8个工作日 · 12月7日前（逾期）
 *      征地拆迁还有两户没谈妥
 * Raised today: "今天提出"; due today: "今天到期"; due in another year: "2027年1月8日前"; a due date or
 * count that used a provisional year (no notice yet) is followed by "暂定".
 */
export function renderOpenIssue(i: OpenIssue, teams: Teams, today: LocalDate): string {
  const head = [
    `${URGENCY_MARK[i.urgency]} #${i.number} ${teams[i.category].name}`,
    i.reporter?.name ?? '—',
    issueAgeText(i.ageWorkingDays, i.openedOn, today),
    ...(i.dueOn ? [i.dueOn === today ? '今天到期' : `${dateText(i.dueOn, today)}前${i.urgency === 'red' ? '（逾期）' : ''}`] : []),
    ...(i.provisional ? [PROVISIONAL_MARK] : []),
    ...(i.assignee ? [`负责：${i.assignee.name}`] : []),
    ...(i.status === 'reopened' ? ['已重开'] : []),
  ]
  return `${head.join(' · ')}\n   ${clip(i.summary, 40)}`
}

/** A closed issue for `/issues all`: "✅ #2 金融工作专班 · 已办结 11月20日". */
export function renderClosedIssue(i: Issue, teams: Teams, today: LocalDate): string {
  return `✅ #${i.number} ${teams[i.category].name} · 已办结${i.resolvedOn ? ` ${dateText(i.resolvedOn, today)}` : ''}\n   ${clip(i.summary, 40)}`
}
