import type { LocalDate } from '../calendar/local-date.ts'
import type { ConfirmMode } from '../domain/rules.ts'
import type { Teams } from '../domain/teams.ts'
import type { Issue, ProgressUpdate } from '../domain/types.ts'
import { renderClosed, renderFollowUpLine, renderIssueLine, renderProgressLine, renderWhichIssue, type Reporter } from './records.ts'

/** Everything one group message did to the ledger, for its one reply. */
export interface MessageOutcome {
  progress: ProgressUpdate[]
  /**
   * Issues it raised, each with the number of the closed one it repeats, if any, and whether its due
   * date is 暂定 (counted over a provisional year: dueIsProvisional).
   */
  issues: { issue: Issue; recurs: number | null; provisional: boolean }[]
  /** Open issues it raised again ("还是没接通"), and whether it moved their deadline. */
  followUps: { issue: Issue; dueMoved: boolean }[]
  closed: Issue[]
  /** For each "已解决" that could mean several issues, the candidates. */
  asks: Pick<Issue, 'number' | 'category' | 'summary'>[][]
  reporter: Reporter
  today: LocalDate
}

/**
 * The one reply to a group message, or '' when nothing in it is to be confirmed. What is said
 * depends on CONFIRM (a group's /静音 开 counts as `none`):
 *   all:    every record;
 *   issues: issues, follow-ups, stages, closes; plain progress ("主体完成60%") only in a reply that
 *           goes out anyway, so a busy group hears back about what carries a number or a milestone;
 *   none:   closes (they say how to reopen) and "which issue?" questions only.
 * Example, "主体结构已完成80%，但是施工许可证还没批下来" under `issues`:
 *   已记录进度：80%
 *   已登记问题 #1 · 项目审批验收服务专班 · 12月9日前办结
 *     施工许可证还没批下来
 */
export function renderConfirmation(o: MessageOutcome, mode: ConfirmMode, teams: Teams): string {
  const progress = o.progress.map((p) => ({ line: renderProgressLine(p, o.reporter), stage: p.stage !== null }))
  const weighty = [
    ...o.issues.map((i) => renderIssueLine(i.issue, teams, i.recurs, i.provisional)),
    ...o.followUps.map((f) => renderFollowUpLine(f.issue, f.dueMoved, o.today)),
  ]
  const asks = o.asks.map((c) => renderWhichIssue(c, teams))
  if (mode === 'none') return [...o.closed.map((i) => renderClosed(i, o.reporter.name, teams)), ...asks].join('\n')
  const stages = progress.filter((p) => p.stage)
  const rideAlong = mode === 'all' || weighty.length + stages.length + o.closed.length + asks.length > 0
  const closes = o.closed.map((i) => renderClosed(i, o.reporter.name, teams))
  const lines = [...progress.filter((p) => p.stage || rideAlong).map((p) => p.line), ...closes, ...weighty, ...asks]
  return lines.join('\n')
}

/**
 * The one issue a reply is about, so that quoting the reply ("已解决") finds it: the open issue it
 * names, else the one it closed; none when it names several.
 */
export function issueOfOutcome(o: Pick<MessageOutcome, 'issues' | 'followUps' | 'closed'>): number | undefined {
  const open = new Set([...o.issues.map((i) => i.issue.id), ...o.followUps.map((f) => f.issue.id)])
  if (open.size > 0) return open.size === 1 ? [...open][0] : undefined
  return o.closed.length === 1 ? o.closed[0]!.id : undefined
}
