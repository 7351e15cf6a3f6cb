import type { LocalDate } from '../calendar/local-date.ts'
import type { Teams } from '../domain/teams.ts'
import type { Issue, ProgressUpdate } from '../domain/types.ts'
import { clip, dateText, PROVISIONAL_MARK, STAGE_NAMES } from './labels.ts'

/** Who reported a record, as the confirmation names them. */
export interface Reporter {
  name: string
  /** BOT_ADMINS: a stage an admin reports needs no one else's word. */
  admin: boolean
}

/**
 * One progress record, dates read on the day it was recorded:
 *   "已记录进度：60%，计划 5月31日" (a plan in another year: "计划 2027年4月30日");
 *   a stage reached: "已记录节点：动工（11月30日）", and when a member who is not an admin reported
 *   it, a second line naming them and how an admin confirms or takes it back;
 *   a stage already reached on another day ("今天签约了" a year after the signing) is not moved:
 *   "节点 签约 已记为 2025年3月2日，这次未改动" and how an admin changes it if it should be.
 */
export function renderProgressLine(p: ProgressUpdate, reporter: Reporter): string {
  const parts: string[] = []
  if (p.percent !== null) parts.push(`${p.percent}%`)
  if (p.dueOn) parts.push(`计划 ${dateText(p.dueOn, p.recordedOn)}`)
  if (!p.stage) return `已记录进度：${parts.length > 0 ? parts.join('，') : clip(p.summary, 24)}`
  const stage = STAGE_NAMES[p.stage]
  if (p.stageKeptOn) {
    const who = reporter.admin ? '' : '管理员'
    return `节点 ${stage} 已记为 ${dateText(p.stageKeptOn, p.recordedOn)}，这次未改动${parts.map((x) => `，${x}`).join('')}\n如${stage}日期确应改为 ${dateText(p.recordedOn, p.recordedOn)}，请${who}发 /节点 ${stage} ${p.recordedOn}`
  }
  const line = `已记录节点：${stage}（${dateText(p.recordedOn, p.recordedOn)}）${parts.map((x) => `，${x}`).join('')}`
  if (reporter.admin) return line
  return `${line}\n${reporter.name}报告，待管理员确认：核实后发 /节点 ${stage} ${p.recordedOn}；有误发 /节点 撤销 ${stage}`
}

/**
 * "已登记问题 #3 · 土地工作专班 · 12月7日前办结"; due the day it is raised ("月底前解决" on the 30th of
 * November) says "今天到期"; a due date counted over a provisional year says so: "2月12日前办结（暂定）";
 * a problem come back names the old number.
 */
export function renderIssueLine(i: Issue, teams: Teams, recurs: number | null = null, provisional = false): string {
  const due =
    (i.dueOn === null ? '' : i.dueOn === i.openedOn ? ' · 今天到期' : ` · ${dateText(i.dueOn, i.openedOn)}前办结`) + (i.dueOn !== null && provisional ? `（${PROVISIONAL_MARK}）` : '')
  const again = recurs ? `（#${recurs} 办结后再次出现）` : ''
  return `已登记问题 #${i.number} · ${teams[i.category].name}${due}${again}\n  ${clip(i.summary, 40)}`
}

/** A message about an open issue joins it: "已记入问题 #3 的跟进", with a new deadline when it set one. */
export function renderFollowUpLine(i: Issue, dueMoved: boolean, today: LocalDate): string {
  return `已记入问题 #${i.number} 的跟进${dueMoved && i.dueOn ? `，期限改为 ${dateText(i.dueOn, today)}` : ''}`
}

/**
 * A resolution that only says it is solved, with nothing on how: "已解决", "问题已经解决了！",
 * "搞定了👍", "已处理完毕". "已协调供电局接入" says how and is shown.
 */
const ONLY_SOLVED = /^(?:这个|该)?(?:问题)?(?:已经|已|都)?(?:解决|办结|处理|搞定|落实|完成|好)(?:了|啦|完毕)?$/u

/** Announces a close, with the way back: "问题 #3 已办结：已协调供电局接入 … 如未解决，发 /重开 3". */
export function renderClosed(i: Issue, by: string, teams: Teams): string {
  const said = (i.resolutionText ?? '').replace(/[\s\p{P}\p{Extended_Pictographic}\uFE0F]/gu, '')
  const how = i.resolutionText && !ONLY_SOLVED.test(said) ? `：${clip(i.resolutionText, 40)}` : ''
  return `✅ 问题 #${i.number}（${teams[i.category].name}）已办结${how}\n办结人：${by}。如未解决，发 /重开 ${i.number} 原因`
}

/** When it is not clear which issue a "已解决" closes, the bot asks rather than guesses. */
export function renderWhichIssue(candidates: readonly Pick<Issue, 'number' | 'category' | 'summary'>[], teams: Teams): string {
  const list = candidates.map((i) => `#${i.number} ${teams[i.category].name}：${clip(i.summary, 24)}`).join('\n')
  return `收到“已解决”，但不确定是哪个问题：\n${list}\n请引用该问题的消息回复，或发 /解决 编号 办法`
}
