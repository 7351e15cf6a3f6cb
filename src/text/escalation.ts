import { timeInZone, dateInZone, type LocalDate } from '../calendar/local-date.ts'
import type { IssueEventKind } from '../domain/types.ts'
import { clip, dateText, EVENT_NAMES } from './labels.ts'

/** One step of an issue's history, as the leader reads it. */
export interface EscalationStep {
  kind: IssueEventKind
  at: Date
  actorName: string | null
  /** Whom it was given to (指派), or how it was closed. */
  note: string | null
  /** The chat line that did it, if any. */
  messageText: string | null
}

export interface EscalationFacts {
  projectName: string
  number: number
  teamName: string
  liaisons: readonly string[]
  summary: string
  openedOn: LocalDate
  dueOn: LocalDate
  overdueWorkingDays: number
  leaderName: string
  steps: readonly EscalationStep[]
}

/**
 * To the leader in charge (挂点领导), privately, once, when an issue becomes 严重超期: what it is,
 * which team answers for it, how long it is overdue, and everything that happened to it. Example:
 *   🔴 严重超期问题提级 · 电子 #1
 *   王副区长：您挂点的项目「电子」有一个问题已超期 7 个工作日（办结时限 9月29日），请督办。
 *   问题：征地拆迁还有两户没谈妥
 *   责任专班：土地工作专班（联络员：王科长）
 *   经过：
 *   9月18日 10:00 提出 · 张科长：征地拆迁还有两户没谈妥
 */
export function renderEscalation(f: EscalationFacts, today: LocalDate, timeZone: string): string {
  const steps = f.steps.map((s) => {
    const when = `${dateText(dateInZone(s.at, timeZone), today)} ${timeInZone(s.at, timeZone)}`
    const who = s.actorName ? ` · ${s.actorName}` : ''
    const what = s.messageText ?? s.note
    return `${when} ${EVENT_NAMES[s.kind]}${who}${what ? `：${clip(what, 40)}` : ''}`
  })
  return [
    `🔴 严重超期问题提级 · ${f.projectName} #${f.number}`,
    `${f.leaderName}：您挂点的项目「${f.projectName}」有一个问题已超期 ${f.overdueWorkingDays} 个工作日（办结时限 ${dateText(f.dueOn, today)}），请督办。`,
    `问题：${clip(f.summary, 120)}`,
    `责任专班：${f.teamName}${f.liaisons.length > 0 ? `（联络员：${f.liaisons.join('、')}）` : ''}`,
    '经过：',
    ...(steps.length > 0 ? steps : [`${dateText(f.openedOn, today)} 提出`]),
  ].join('\n')
}

/** The reply to /挂点: who the project's leader in charge is now. */
export function renderLeaderSet(projectName: string, leaderName: string, byWechatId: boolean): string {
  return `已设定「${projectName}」的挂点领导：${leaderName}。${byWechatId ? '' : '（未能对应到微信联系人，提级时按名字查找；建议 @ 选择）'}问题超期 5 个工作日（严重超期）时，会私聊发给挂点领导一次。`
}
