import { inTransaction, type Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { addIssueEvent, clearResolution } from './issues.repository.ts'
import { toIssue, toProgress, toResolution, toStageEvent } from './mappers.ts'
import { nextIssueStatus } from '../domain/issue-status.ts'
import type { IssueStatus, Retraction } from '../domain/types.ts'
import type { Stage } from '../parse/types.ts'

interface RecordIds {
  progress: number[]
  issues: number[]
  resolutions: number[]
  stages: number[]
}

interface Actor {
  actorId: number | null
  messageId: number | null
  at: Date
}

/**
 * Marks records as taken back (they stay in the tables, every view skips them). An issue gets a
 * 'retracted' event; an issue closed by a taken-back resolution is reopened as the status rules
 * say, with a 'resolution-retracted' event.
 */
async function retract(db: Db, ids: RecordIds, actor: Actor): Promise<Retraction> {
  const at = actor.at.toISOString()
  const progress = ids.progress.length
    ? await db.updateTable('progress_updates').set({ retracted_at: at }).where('id', 'in', ids.progress).returningAll().execute()
    : []
  const stages = ids.stages.length
    ? await db.updateTable('stage_events').set({ retracted_at: at }).where('id', 'in', ids.stages).returningAll().execute()
    : []
  const resolutions = ids.resolutions.length
    ? await db.updateTable('resolutions').set({ retracted_at: at }).where('id', 'in', ids.resolutions).returningAll().execute()
    : []
  const issues = ids.issues.length
    ? await db.updateTable('issues').set({ retracted_at: at }).where('id', 'in', ids.issues).returningAll().execute()
    : []
  for (const issue of issues) await addIssueEvent(db, issue.id, 'retracted', issue.status as IssueStatus, actor)

  const closed = ids.resolutions.length
    ? await db
        .selectFrom('issues')
        .select(['id', 'status'])
        .where('resolution_id', 'in', ids.resolutions)
        .where('status', '=', 'resolved')
        .where('retracted_at', 'is', null)
        .execute()
    : []
  const reopened = []
  for (const { id, status } of closed) {
    const next = nextIssueStatus(status as IssueStatus, 'reopen')
    if (!next) continue
    reopened.push(toIssue(await clearResolution(db, id, next)))
    await addIssueEvent(db, id, 'resolution-retracted', next, actor)
  }
  return {
    progress: progress.map(toProgress),
    issues: issues.map(toIssue),
    resolutions: resolutions.map(toResolution),
    stages: stages.map(toStageEvent),
    reopened,
  }
}

export type RecallResult = Retraction & { messageId: number; alreadyRecalled: boolean }

/** A recall as WeChat reports it: the recalled message's id, in which group, by whom. */
export interface RecallEvent {
  wechatId: string
  roomId: string
  /** The WeChat id of whoever recalled it. */
  senderWechatId: string
}

/**
 * A message was recalled in WeChat: note when, and take back every record that came from it.
 * Only a message of the same group and the same sender is taken back: a recall event is just an id,
 * and one arriving in another group (a forged or confused event) must not reach into that one.
 * Null when no such message was stored (sent before the group was bound, say).
 */
export async function recallMessage(db: Db, recall: RecallEvent, at: Date): Promise<RecallResult | null> {
  return inTransaction(db, async (trx) => {
    const message = await trx
      .selectFrom('messages')
      .innerJoin('people', 'people.id', 'messages.sender_id')
      .select(['messages.id', 'messages.sender_id', 'messages.recalled_at'])
      .where('messages.wechat_id', '=', recall.wechatId)
      .where('messages.room_id', '=', recall.roomId)
      .where('people.wechat_id', '=', recall.senderWechatId)
      .executeTakeFirst()
    if (!message) return null
    if (message.recalled_at === null) {
      await trx.updateTable('messages').set({ recalled_at: at.toISOString() }).where('id', '=', message.id).execute()
    }
    const live = async (table: 'progress_updates' | 'issues' | 'resolutions' | 'stage_events') =>
      (
        await trx.selectFrom(table).select('id').where('message_id', '=', message.id).where('retracted_at', 'is', null).execute()
      ).map((r) => r.id)
    const ids: RecordIds = {
      progress: await live('progress_updates'),
      issues: await live('issues'),
      resolutions: await live('resolutions'),
      stages: await live('stage_events'),
    }
    const retraction = await retract(trx, ids, { actorId: message.sender_id, messageId: message.id, at })
    return { ...retraction, messageId: message.id, alreadyRecalled: message.recalled_at !== null }
  })
}

export interface UndoInput {
  projectId: number
  personId: number
  /** The message carrying the `/undo` command, if stored. */
  messageId: number | null
  at: Date
}

/**
 * `/undo`: takes back the last record the person made in the project (with the stage a progress
 * update implied). Null when they have nothing left to take back.
 */
export async function undoLastRecord(db: Db, input: UndoInput): Promise<Retraction | null> {
  return inTransaction(db, async (trx) => {
    const candidates = [
      { kind: 'progress' as const, row: await latest(trx, 'progress_updates', 'reporter_id', 'recorded_at', input) },
      { kind: 'issues' as const, row: await latest(trx, 'issues', 'reporter_id', 'opened_at', input) },
      { kind: 'resolutions' as const, row: await latest(trx, 'resolutions', 'reporter_id', 'recorded_at', input) },
      { kind: 'stages' as const, row: await latest(trx, 'stage_events', 'actor_id', 'recorded_at', input) },
    ]
    let chosen: { kind: keyof RecordIds; id: number; at: string; messageId: number | null } | null = null
    for (const { kind, row } of candidates) {
      if (row && (!chosen || row.at > chosen.at || (row.at === chosen.at && row.id > chosen.id))) chosen = { kind, ...row }
    }
    if (!chosen) return null
    const ids: RecordIds = { progress: [], issues: [], resolutions: [], stages: [] }
    ids[chosen.kind].push(chosen.id)
    if (chosen.kind === 'progress' && chosen.messageId !== null) {
      const implied = await trx
        .selectFrom('stage_events')
        .select('id')
        .where('message_id', '=', chosen.messageId)
        .where('source_command', 'is', null)
        .where('retracted_at', 'is', null)
        .execute()
      ids.stages.push(...implied.map((r) => r.id))
    }
    return retract(trx, ids, { actorId: input.personId, messageId: input.messageId, at: input.at })
  })
}

async function latest(
  db: Db,
  table: 'progress_updates' | 'issues' | 'resolutions' | 'stage_events',
  personColumn: 'reporter_id' | 'actor_id',
  atColumn: 'recorded_at' | 'opened_at',
  input: UndoInput,
): Promise<{ id: number; at: string; messageId: number | null } | null> {
  // The four tables share these columns; kysely cannot check a column across a table union.
  const row = (await (db as Db)
    .selectFrom(table as 'issues')
    .select(['id', `${atColumn as 'opened_at'} as at`, 'message_id'])
    .where(personColumn as 'reporter_id', '=', input.personId)
    .where('project_id', '=', input.projectId)
    .where('retracted_at', 'is', null)
    .orderBy(atColumn as 'opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(literalLimit(1))
    .executeTakeFirst()) as { id: number; at: string; message_id: number | null } | undefined
  return row ? { id: row.id, at: row.at, messageId: row.message_id } : null
}

export interface StageRetractionInput {
  projectId: number
  stage: Stage
  /** The admin taking it back, and the message carrying their command. */
  actorId: number | null
  messageId: number | null
  at: Date
}

/**
 * `/节点 撤销 动工`: takes back the stage, whoever recorded it: members in the group ("今天正式开工了")
 * or with /进度, and an admin with /节点 (an admin's wrong milestone is taken back the same way).
 * The progress said stays: it is still what was said, it only no longer moves the project.
 */
export async function retractStage(db: Db, input: StageRetractionInput): Promise<Retraction> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('stage_events')
      .select('id')
      .where('project_id', '=', input.projectId)
      .where('stage', '=', input.stage)
      .where('retracted_at', 'is', null)
      .execute()
    return retract(trx, { progress: [], issues: [], resolutions: [], stages: rows.map((r) => r.id) }, input)
  })
}
