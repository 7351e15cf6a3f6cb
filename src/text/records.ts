import type { Teams } from '../domain/teams.ts'
import type { Issue, ProgressUpdate } from '../domain/types.ts'
import { clip, shortDate, STAGE_NAMES } from './labels.ts'

/** One line per progress record: "已记录进度：动工，60%，计划 5月31日". */
export function renderProgressLine(p: ProgressUpdate): string {
  const parts: string[] = []
  if (p.stage) parts.push(`${STAGE_NAMES[p.stage]}`)
  if (p.percent !== null) parts.push(`${p.percent}%`)
  if (p.dueOn) parts.push(`计划 ${shortDate(p.dueOn)}`)
  if (parts.length === 0) parts.push(clip(p.summary, 24))
  return `已记录进度：${parts.join('，')}`
}

/** "已登记问题 #3 · 土地工作专班 · 12月7日前办结"; a problem come back names the old number. */
export function renderIssueLine(i: Issue, teams: Teams, recurs: number | null = null): string {
  const due = i.dueOn ? ` · ${shortDate(i.dueOn)}前办结` : ''
  const again = recurs ? `（#${recurs} 办结后再次出现）` : ''
  return `已登记问题 #${i.number} · ${teams[i.category].name}${due}${again}\n  ${clip(i.summary, 40)}`
}

/** A message about an open issue joins it: "已记入问题 #3 的跟进", with a new deadline when it set one. */
export function renderFollowUpLine(i: Issue, dueMoved: boolean): string {
  return `已记入问题 #${i.number} 的跟进${dueMoved && i.dueOn ? `，期限改为 ${shortDate(i.dueOn)}` : ''}`
}

/** Announces a close, with the way back: "问题 #3 已办结 … 如未解决，发 /reopen 3". */
export function renderClosed(i: Issue, by: string, teams: Teams): string {
  const how = i.resolutionText ? `：${clip(i.resolutionText, 40)}` : ''
  return `✅ 问题 #${i.number}（${teams[i.category].name}）已办结${how}\n办结人：${by}。如未解决，发 /reopen ${i.number} 原因`
}

/** When it is not clear which issue a "已解决" closes, the bot asks rather than guesses. */
export function renderWhichIssue(candidates: Issue[], teams: Teams): string {
  const list = candidates.map((i) => `#${i.number} ${teams[i.category].name}：${clip(i.summary, 24)}`).join('\n')
  return `收到“已解决”，但不确定是哪个问题：\n${list}\n请引用该问题的消息回复，或发 /resolve 编号 办法`
}
