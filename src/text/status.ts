import type { LocalDate } from '../calendar/local-date.ts'
import type { ProjectStatus } from '../domain/project-status.ts'
import type { SlowVerdict } from '../domain/slow-projects.ts'
import type { Teams } from '../domain/teams.ts'
import type { OpenIssue } from '../domain/types.ts'
import { STAGES } from '../parse/types.ts'
import { clip, dateText, PROVISIONAL_MARK, PROVISIONAL_NOTE, STAGE_NAMES, URGENCY_MARK } from './labels.ts'

/** How many of the most urgent open issues `/status` names. */
const STATUS_ISSUES = 5

/**
 * `/status` in a group:
 *   📋 项目「新材料」
 *   节点：签约 3月2日 → 动工 5月10日
 *   最新进度（11月20日，张三）：主体结构完成60%
 *   距上次进度更新 6 天
 *   未办结问题：2 个（🔴1）
 *     🔴 #1 土地工作专班：征地拆迁还有两户没谈妥
 *     ……另有 4 个，发 /问题 查看全部
 * Dates in another year than the status's day carry their year ("签约 2025年3月2日"). An issue whose
 * due date or counts used a provisional year is marked "（暂定）", and a last line says why.
 */
export function renderProjectStatus(
  s: ProjectStatus,
  issues: readonly OpenIssue[],
  latestBy: string | null,
  teams: Teams,
  today: LocalDate,
): string {
  const reached = STAGES.filter((st) => s.stages[st]).map((st) => `${STAGE_NAMES[st]} ${dateText(s.stages[st]!, today)}`)
  const lines = [`📋 项目「${s.project.name}」`, `节点：${reached.length > 0 ? reached.join(' → ') : '尚无记录'}`]
  if (s.latestProgress) {
    const by = latestBy ? `，${latestBy}` : ''
    lines.push(`最新进度（${dateText(s.latestProgress.recordedOn, today)}${by}）：${clip(s.latestProgress.summary, 40)}`)
    lines.push(s.daysSinceUpdate ? `距上次进度更新 ${s.daysSinceUpdate} 天` : '今天有进度更新')
  } else {
    lines.push('最新进度：尚无记录')
  }
  lines.push(s.openIssues.total === 0 ? '未办结问题：无' : `未办结问题：${s.openIssues.total} 个${countMarks(s)}`)
  for (const i of issues.slice(0, STATUS_ISSUES)) {
    lines.push(`  ${URGENCY_MARK[i.urgency]} #${i.number} ${teams[i.category].name}${i.provisional ? `（${PROVISIONAL_MARK}）` : ''}：${clip(i.summary, 20)}`)
  }
  if (issues.length > STATUS_ISSUES) lines.push(`  ……另有 ${issues.length - STATUS_ISSUES} 个，发 /问题 查看全部`)
  if (issues.some((i) => i.provisional)) lines.push(PROVISIONAL_NOTE)
  if (s.slow) lines.push(renderSlow(s.slow, today))
  return lines.join('\n')
}

/**
 * One line per project for an admin's private `/status`: "• 新材料 · 动工 · 进度 6 天前 · 未办结 2（🔴1）";
 * progress reported today is "今天有进度", never "进度 0 天前".
 */
export function renderProjectLine(s: ProjectStatus): string {
  const parts = [
    s.project.name,
    s.stage ? STAGE_NAMES[s.stage.stage] : '未签约',
    s.daysSinceUpdate === null ? '无进度' : s.daysSinceUpdate === 0 ? '今天有进度' : `进度 ${s.daysSinceUpdate} 天前`,
    `未办结 ${s.openIssues.total}${countMarks(s)}`,
  ]
  return `${s.slow ? '⚠️' : '•'} ${parts.join(' · ')}`
}

function renderSlow(s: SlowVerdict, today: LocalDate): string {
  return `⚠️ 进展缓慢：${STAGE_NAMES[s.stage]}（${dateText(s.since, today)}）后超过 ${s.months} 个月未到下一节点`
}

function countMarks(s: ProjectStatus): string {
  const marks = [s.openIssues.red ? `🔴${s.openIssues.red}` : '', s.openIssues.yellow ? `🟡${s.openIssues.yellow}` : '']
    .filter(Boolean)
    .join(' ')
  return marks ? `（${marks}）` : ''
}
