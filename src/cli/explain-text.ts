import { DEFAULT_TEAMS } from '../domain/teams.ts'
import { CLAUSE_RULES } from '../parse/clause-rules.ts'
import type { Explanation } from '../parse/parse-message.ts'
import type { ParsedRecord } from '../parse/types.ts'
import { STAGE_NAMES } from '../text/labels.ts'

const ROLE: Record<string, string> = { question: '提问', resolution: '解决', progress: '进度', issue: '问题', neutral: '—' }
const SECTION: Record<string, string> = { issue: '（问题栏）', progress: '（进展栏）' }
const SET_ASIDE: Record<string, string> = { notice: '通知', invitation: '邀请大家提问题', command: '命令' }

/** What each rule found, in words: "问题 ← 有困难或诉求（problem）". */
const SAYS = new Map(CLAUSE_RULES.map((r) => [r.name, r.says]))

function recordText(r: ParsedRecord): string {
  if (r.type === 'progress') return `进度：节点 ${r.stage ? STAGE_NAMES[r.stage] : '无'}，百分比 ${r.percent ?? '无'}，日期 ${r.due ?? '无'}`
  if (r.type === 'issue') return `问题：${DEFAULT_TEAMS[r.category].name}，期限 ${r.due ?? '无'}`
  return `解决：${r.category ? DEFAULT_TEAMS[r.category].name : '未说明专班'}`
}

/**
 * `npm run parse -- --explain`: for one message, each item and clause with the rule that decided
 * it and the phrase families found, then the records. Example:
 *   d001 主体结构完成60%，预计5月底封顶
 *     「主体结构完成60%」进度 ← 完成百分比（percent）[done, activity]
 *     → 进度：节点 无，百分比 60，日期 2026-05-31
 * The phrase families in brackets are the names in src/parse/phrases.ts, where a phrase is added.
 */
export function explainText(id: string, text: string, e: Explanation): string {
  const lines = [`${id} ${text.replace(/\n/gu, '⏎')}`]
  if (e.setAside) lines.push(`  整条不记录：${SET_ASIDE[e.setAside]}`)
  for (const item of e.items) {
    if (e.items.length > 1 || item.section) lines.push(`  · 条目${item.section ? SECTION[item.section] : ''}：${item.text}`)
    for (const c of item.clauses) {
      const rule = c.rule ? ` ← ${SAYS.get(c.rule) ?? ''}（${c.rule}）` : ''
      lines.push(`    「${c.text}」${ROLE[c.role]}${rule}${c.families.length > 0 ? ` [${c.families.join(', ')}]` : ''}`)
    }
  }
  lines.push(...(e.records.length > 0 ? e.records.map((r) => `  → ${recordText(r)}`) : ['  → 无记录']))
  return lines.join('\n')
}
