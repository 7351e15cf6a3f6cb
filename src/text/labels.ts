import { parts, type LocalDate } from '../calendar/local-date.ts'
import type { IssueColour, Urgency } from '../domain/sla.ts'
import type { IssueEventKind } from '../domain/types.ts'
import type { Stage } from '../parse/types.ts'

export const STAGE_NAMES: Record<Stage, string> = {
  signed: '签约',
  land: '供地',
  construction: '动工',
  completion: '竣工',
  production: '投产',
}

/** One code for urgency everywhere a leader reads: replies, lists, reminders, the digest. */
export const URGENCY_MARK: Record<Urgency, string> = { red: '🔴', yellow: '🟡', green: '🟢' }

/**
 * The 督办单's colours as the whiteboard marks them and the 台账 names them: red 严重超期, yellow
 * 超期, blue 临期; an open issue neither near nor late is green, 正常.
 */
export const COLOUR_MARK: Record<IssueColour, string> = { red: '🔴', yellow: '🟡', blue: '🔵', green: '🟢' }
export const COLOUR_NAMES: Record<IssueColour, string> = { red: '严重超期', yellow: '超期', blue: '临期', green: '正常' }

/** `/stage 动工` or `/stage construction`: the stage a word names, if any. */
export function stageFromWord(word: string): Stage | undefined {
  const w = word.trim().toLowerCase()
  for (const [stage, name] of Object.entries(STAGE_NAMES) as [Stage, string][]) {
    if (w === stage || w === name) return stage
  }
  // Common synonyms: 开工 for 动工, 摘牌 for 供地, 试产 for 投产.
  const synonyms: Record<string, Stage> = { 开工: 'construction', 摘牌: 'land', 完工: 'completion', 试产: 'production' }
  return synonyms[w]
}

/** "2026-12-07" → "12月7日", the way dates are written in the groups. */
export function shortDate(date: LocalDate): string {
  const { month, day } = parts(date)
  return `${month}月${day}日`
}

/**
 * A date as read on `today`: "4月30日" this year, "2027年4月30日" in another, so a plan for next
 * spring is not taken for this one.
 */
export function dateText(date: LocalDate, today: LocalDate): string {
  const { year } = parts(date)
  return year === parts(today).year ? shortDate(date) : `${year}年${shortDate(date)}`
}

/**
 * How long an issue has been open, in working days: "已3个工作日"; none yet is "今天提出" for one
 * raised today and "不到1个工作日" for one raised before a weekend or holiday ("已0个工作日" reads
 * like a mistake).
 */
export function issueAgeText(ageWorkingDays: number, openedOn: LocalDate, today: LocalDate): string {
  if (ageWorkingDays > 0) return `已${ageWorkingDays}个工作日`
  return openedOn === today ? '今天提出' : '不到1个工作日'
}

/** Shortens a text for a one-line list: whitespace folded, cut by characters with "…". */
export function clip(text: string, max = 30): string {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * A figure that used a day of a provisional year (no State Council notice imported yet, its days off
 * computed from the holiday law): "2027年1月4日到期（暂定）".
 */
export const PROVISIONAL_MARK = '暂定'

/** Under a list with such figures: what 暂定 means and who makes it official. */
export const PROVISIONAL_NOTE = '注：标“暂定”的到期日和工作日数按法定节假日推算（当年放假安排尚未导入，不含调休），管理员导入国务院通知后自动更正。'

/** What happened to an issue, as the project page and an escalation list it. */
export const EVENT_NAMES: Record<IssueEventKind, string> = {
  opened: '提出',
  'followed-up': '跟进',
  assigned: '指派',
  resolved: '办结',
  reopened: '重开',
  'resolution-retracted': '重开',
  retracted: '撤回',
  'due-recomputed': '到期日更正',
}
