import { dateInZone } from '../calendar/local-date.ts'
import type { ProgressRecord } from '../parse/types.ts'
import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { prepare, slot } from './prepared.ts'
import type { ProgressUpdatesTable } from './schema.ts'
import { toProgress } from './mappers.ts'
import { findStageDate, recordStage } from './stages.repository.ts'
import type { ProgressUpdate, RecordSource, StageEvent } from '../domain/types.ts'

const insertProgress = prepare<Record<string, unknown>, Selectable<ProgressUpdatesTable>>((qb) =>
  qb
    .insertInto('progress_updates')
    .values({
      project_id: slot('projectId'),
      message_id: slot('messageId'),
      source_command: slot('command'),
      reporter_id: slot('reporterId'),
      stage: slot('stage'),
      percent: slot('percent'),
      due_on: slot('due'),
      summary: slot('summary'),
      recorded_at: slot('at'),
      recorded_on: slot('on'),
      retracted_at: null,
    })
    .returningAll(),
)

export type NewProgress = Pick<ProgressRecord, 'stage' | 'percent' | 'due' | 'summary'>

/**
 * Stores a progress update; when it says a stage was reached, that stage is recorded too, on the
 * day the message was sent and from the same source. A stage the project already reached on
 * another day is not moved by what is said in the group ("今天签约了" about a second contract, a
 * month after the signing): the date stays, and the update says which (`stageKeptOn`) so that the
 * reply asks an admin to confirm a change with /节点.
 */
export async function recordProgress(
  db: Db,
  source: RecordSource,
  record: NewProgress,
  timeZone: string,
): Promise<{ progress: ProgressUpdate; stage: StageEvent | null }> {
  const recordedOn = dateInZone(source.at, timeZone)
  const [row] = await insertProgress(db, {
    projectId: source.projectId,
    messageId: source.messageId,
    command: source.command,
    reporterId: source.actorId,
    stage: record.stage,
    percent: record.percent,
    due: record.due,
    summary: record.summary,
    at: source.at.toISOString(),
    on: recordedOn,
  })
  const progress = toProgress(row!)
  if (!record.stage) return { progress, stage: null }
  const earlier = await findStageDate(db, source.projectId, record.stage)
  if (earlier !== null && earlier !== recordedOn) return { progress: { ...progress, stageKeptOn: earlier }, stage: null }
  return { progress, stage: await recordStage(db, source, record.stage, recordedOn) }
}

/** The latest progress update of a project that has not been taken back. */
export async function findLatestProgress(db: Db, projectId: number): Promise<ProgressUpdate | null> {
  const row = await db
    .selectFrom('progress_updates')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('retracted_at', 'is', null)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(literalLimit(1))
    .executeTakeFirst()
  return row ? toProgress(row) : null
}
