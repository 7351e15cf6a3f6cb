import type { StageDates } from '../domain/slow-projects.ts'
import type { IssueStatus } from '../domain/types.ts'
import type { Category, Stage } from '../parse/types.ts'
import type { Db } from './database.ts'
import { getAllStageDates } from './stages.repository.ts'

export interface LedgerIssue {
  number: number
  category: Category
  status: 'open' | 'resolved'
  due: string | null
  /** WeChat ids of the message that raised it, then of those that followed it up, in order. */
  messages: string[]
  /** WeChat id of the message (chat or command) that closed it, or null. */
  resolvedBy: string | null
}

export interface LedgerProgress {
  /** WeChat id of the message the progress was read from. */
  message: string
  stage: Stage | null
  percent: number | null
  due: string | null
}

export interface LedgerProject {
  room: string | null
  name: string
  /** The furthest stage reached, or null. */
  stage: Stage | null
  issues: LedgerIssue[]
  progress: LedgerProgress[]
}

/** A project of the ledger as stored: its stage dates, of which the caller names the current stage. */
export type LedgerRecord = Omit<LedgerProject, 'stage'> & { stages: StageDates }

const openOrResolved = (status: IssueStatus): LedgerIssue['status'] => (status === 'resolved' ? 'resolved' : 'open')

/**
 * The ledger a conversation left behind, every project with its issues (not taken back), the
 * messages behind each, its stage dates and its progress records: what `npm run replay` prints
 * (with the current stage, slow-projects.ts currentStage).
 */
export async function getLedger(db: Db): Promise<LedgerRecord[]> {
  const projects = await db.selectFrom('projects').select(['id', 'name', 'room_topic']).orderBy('id').execute()
  const stages = await getAllStageDates(db)
  const issues = await db
    .selectFrom('issues')
    .leftJoin('messages as raised', 'raised.id', 'issues.message_id')
    .leftJoin('resolutions', 'resolutions.id', 'issues.resolution_id')
    .leftJoin('messages as closer', 'closer.id', 'resolutions.message_id')
    .select([
      'issues.id',
      'issues.project_id',
      'issues.number',
      'issues.category',
      'issues.status',
      'issues.due_on',
      'raised.wechat_id as raised_by',
      'closer.wechat_id as resolved_by',
    ])
    .where('issues.retracted_at', 'is', null)
    .orderBy('issues.project_id')
    .orderBy('issues.number')
    .execute()
  const followUps = await db
    .selectFrom('issue_events')
    .innerJoin('messages', 'messages.id', 'issue_events.message_id')
    .select(['issue_events.issue_id', 'messages.wechat_id'])
    .where('issue_events.kind', '=', 'followed-up')
    .where('messages.recalled_at', 'is', null)
    .orderBy('issue_events.id')
    .execute()
  const progress = await db
    .selectFrom('progress_updates')
    .innerJoin('messages', 'messages.id', 'progress_updates.message_id')
    .select(['progress_updates.project_id', 'messages.wechat_id', 'progress_updates.stage', 'progress_updates.percent', 'progress_updates.due_on'])
    .where('progress_updates.retracted_at', 'is', null)
    .orderBy('progress_updates.id')
    .execute()

  const followedBy = new Map<number, string[]>()
  for (const f of followUps) followedBy.set(f.issue_id, [...(followedBy.get(f.issue_id) ?? []), f.wechat_id])
  return projects.map((p) => ({
    room: p.room_topic,
    name: p.name,
    stages: stages.get(p.id) ?? {},
    issues: issues
      .filter((i) => i.project_id === p.id)
      .map((i) => ({
        number: i.number,
        category: i.category as Category,
        status: openOrResolved(i.status as IssueStatus),
        due: i.due_on,
        messages: [...(i.raised_by ? [i.raised_by] : []), ...(followedBy.get(i.id) ?? [])],
        resolvedBy: openOrResolved(i.status as IssueStatus) === 'resolved' ? i.resolved_by : null,
      })),
    progress: progress
      .filter((r) => r.project_id === p.id)
      .map((r) => ({ message: r.wechat_id, stage: r.stage as Stage | null, percent: r.percent, due: r.due_on })),
  }))
}
