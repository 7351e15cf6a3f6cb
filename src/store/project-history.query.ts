import type { Db } from './database.ts'
import { toIssue, toIssueEvent, toProgress } from './mappers.ts'
import type { Issue, IssueEvent, ProgressUpdate } from '../domain/types.ts'

/** The chat message a record or an event came from, with who sent it. */
export interface SourceMessage {
  id: number
  senderName: string
  text: string
  /** Only its first 20,000 characters were kept. */
  cut: boolean
  sentAt: Date
  /** When it was recalled in WeChat; null while it stands. */
  recalledAt: Date | null
}

export interface IssueEventEntry {
  event: IssueEvent
  actorName: string | null
  /** Set on 'assigned' events: whom the issue was given to. */
  assigneeName: string | null
  /** The message that did it (a chat line or a command); null for a command given in private chat. */
  message: SourceMessage | null
}

/** One issue with everything that happened to it, oldest first; taken-back issues included and marked. */
export interface IssueHistory {
  issue: Issue
  retractedAt: Date | null
  reporterName: string | null
  assigneeName: string | null
  events: IssueEventEntry[]
}

export interface ProgressEntry {
  progress: ProgressUpdate
  reporterName: string | null
}

/** A project's progress updates that stand, oldest first: the percent line and the list under it. */
export async function listProgressHistory(db: Db, projectId: number): Promise<ProgressEntry[]> {
  const rows = await db
    .selectFrom('progress_updates')
    .leftJoin('people', 'people.id', 'progress_updates.reporter_id')
    .selectAll('progress_updates')
    .select('people.name as reporter_name')
    .where('progress_updates.project_id', '=', projectId)
    .where('progress_updates.retracted_at', 'is', null)
    .orderBy('progress_updates.recorded_at')
    .orderBy('progress_updates.id')
    .execute()
  return rows.map((r) => ({ progress: toProgress(r), reporterName: r.reporter_name }))
}

/** Every issue of a project by number, each with its events and the messages they came from. */
export async function listIssueHistories(db: Db, projectId: number): Promise<IssueHistory[]> {
  const issues = await db
    .selectFrom('issues')
    .leftJoin('people as reporter', 'reporter.id', 'issues.reporter_id')
    .leftJoin('people as assignee', 'assignee.id', 'issues.assignee_id')
    .selectAll('issues')
    .select(['reporter.name as reporter_name', 'assignee.name as assignee_name'])
    .where('issues.project_id', '=', projectId)
    .orderBy('issues.number')
    .execute()
  const events = await db
    .selectFrom('issue_events')
    .innerJoin('issues', 'issues.id', 'issue_events.issue_id')
    .leftJoin('people as actor', 'actor.id', 'issue_events.actor_id')
    .leftJoin('people as assignee', 'assignee.id', 'issue_events.assignee_id')
    .leftJoin('messages', 'messages.id', 'issue_events.message_id')
    .leftJoin('people as sender', 'sender.id', 'messages.sender_id')
    .selectAll('issue_events')
    .select([
      'actor.name as actor_name',
      'assignee.name as assignee_name',
      'messages.text as message_text',
      'messages.cut as message_cut',
      'messages.sent_at as message_sent_at',
      'messages.recalled_at as message_recalled_at',
      'sender.name as sender_name',
    ])
    .where('issues.project_id', '=', projectId)
    .orderBy('issue_events.id')
    .execute()
  const byIssue = new Map<number, IssueEventEntry[]>()
  for (const e of events) {
    const entry: IssueEventEntry = {
      event: toIssueEvent(e),
      actorName: e.actor_name,
      assigneeName: e.assignee_name,
      message:
        e.message_id !== null && e.message_text !== null && e.message_sent_at !== null
          ? {
              id: e.message_id,
              senderName: e.sender_name ?? '',
              text: e.message_text,
              cut: e.message_cut === 1,
              sentAt: new Date(e.message_sent_at),
              recalledAt: e.message_recalled_at === null ? null : new Date(e.message_recalled_at),
            }
          : null,
    }
    const list = byIssue.get(e.issue_id)
    if (list) list.push(entry)
    else byIssue.set(e.issue_id, [entry])
  }
  return issues.map((r) => ({
    issue: toIssue(r),
    retractedAt: r.retracted_at === null ? null : new Date(r.retracted_at),
    reporterName: r.reporter_name,
    assigneeName: r.assignee_name,
    events: byIssue.get(r.id) ?? [],
  }))
}
