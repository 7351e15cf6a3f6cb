import type { Explanation } from '../parse/parse-message.ts'
import type { ParsedRecord } from '../parse/types.ts'

const ROLE: Record<string, string> = { question: '提问', resolution: '解决', progress: '进度', issue: '问题', neutral: '—' }
const SECTION: Record<string, string> = { issue: '（问题栏）', progress: '（进展栏）' }
const SET_ASIDE: Record<string, string> = { notice: '通知', invitation: '邀请大家提问题', command: '命令' }

function recordText(r: ParsedRecord): string {
  if (r.type === 'progress') return `进度：节点 ${r.stage ?? '无'}，百分比 ${r.percent ?? '无'}，日期 ${r.due ?? '无'}`
  if (r.type === 'issue') return `问题：专班 ${r.category}，期限 ${r.due ?? '无'}`
  return `解决：专班 ${r.category ?? '未说明'}`
}

/**
 * `npm run parse -- --explain`: for one message, each item and clause with the rule that decided
 * it and the phrase families found, then the records. Example:
 *   d001 主体结构完成60%，预计5月底封顶
 *     「主体结构完成60%」进度 ← percent [done, activity]
 *     → 进度：节点 无，百分比 60，日期 2026-05-31
 */
export function explainText(id: string, text: string, e: Explanation): string {
  const lines = [`${id} ${text.replace(/\n/gu, '⏎')}`]
  if (e.setAside) lines.push(`  整条不记录：${SET_ASIDE[e.setAside]}`)
  for (const item of e.items) {
    if (e.items.length > 1 || item.section) lines.push(`  · 条目${item.section ? SECTION[item.section] : ''}：${item.text}`)
    for (const c of item.clauses) {
      lines.push(`    「${c.text}」${ROLE[c.role]}${c.rule ? ` ← ${c.rule}` : ''}${c.families.length > 0 ? ` [${c.families.join(', ')}]` : ''}`)
    }
  }
  lines.push(...(e.records.length > 0 ? e.records.map((r) => `  → ${recordText(r)}`) : ['  → 无记录']))
  return lines.join('\n')
}
