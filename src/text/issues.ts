import type { Teams } from '../domain/teams.ts'
import type { Issue, OpenIssue } from '../domain/types.ts'
import { clip, shortDate, URGENCY_MARK } from './labels.ts'

/**
 * One open issue on two short lines, phone-readable:
 *   🔴 #3 土地工作专班 · 张三 · 8个工作日 · 12月7日前（逾期）
 *      征地拆迁还有两户没谈妥
 */
export function renderOpenIssue(i: OpenIssue, teams: Teams): string {
  const head = [
    `${URGENCY_MARK[i.urgency]} #${i.number} ${teams[i.category].name}`,
    i.reporter?.name ?? '—',
    `${i.ageWorkingDays}个工作日`,
    ...(i.dueOn ? [`${shortDate(i.dueOn)}前${i.urgency === 'red' ? '（逾期）' : ''}`] : []),
    ...(i.assignee ? [`负责：${i.assignee.name}`] : []),
    ...(i.status === 'reopened' ? ['已重开'] : []),
  ]
  return `${head.join(' · ')}\n   ${clip(i.summary, 40)}`
}

/** A closed issue for `/issues all`: "✅ #2 金融工作专班 · 已办结 11月20日". */
export function renderClosedIssue(i: Issue, teams: Teams): string {
  return `✅ #${i.number} ${teams[i.category].name} · 已办结${i.resolvedOn ? ` ${shortDate(i.resolvedOn)}` : ''}\n   ${clip(i.summary, 40)}`
}
