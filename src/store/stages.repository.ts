import type { LocalDate } from '../calendar/local-date.ts'
import type { StageDates } from '../domain/slow-projects.ts'
import type { Stage } from '../parse/types.ts'
import type { Db } from './database.ts'
import { toStageEvent } from './mappers.ts'
import type { RecordSource, StageEvent } from './types.ts'

export async function recordStage(db: Db, source: RecordSource, stage: Stage, reachedOn: LocalDate): Promise<StageEvent> {
  const row = await db
    .insertInto('stage_events')
    .values({
      project_id: source.projectId,
      stage,
      reached_on: reachedOn,
      message_id: source.messageId,
      source_command: source.command,
      actor_id: source.actorId,
      recorded_at: source.at.toISOString(),
      retracted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toStageEvent(row)
}

/**
 * The date of each stage a project reached: the latest recorded event per stage wins, so a
 * `/stage` correction overrides what the parser read earlier.
 */
export function foldStageDates(events: readonly { stage: string; reached_on: string }[]): StageDates {
  const dates: StageDates = {}
  for (const e of events) dates[e.stage as Stage] = e.reached_on
  return dates
}

export async function getStageDates(db: Db, projectId: number): Promise<StageDates> {
  const rows = await db
    .selectFrom('stage_events')
    .select(['stage', 'reached_on'])
    .where('project_id', '=', projectId)
    .where('retracted_at', 'is', null)
    .orderBy('id')
    .execute()
  return foldStageDates(rows)
}

/** Stage dates of every project at once, for the digest and the all-projects status. */
export async function getAllStageDates(db: Db): Promise<Map<number, StageDates>> {
  const rows = await db
    .selectFrom('stage_events')
    .select(['project_id', 'stage', 'reached_on'])
    .where('retracted_at', 'is', null)
    .orderBy('id')
    .execute()
  const byProject = new Map<number, StageDates>()
  for (const r of rows) {
    let dates = byProject.get(r.project_id)
    if (!dates) byProject.set(r.project_id, (dates = {}))
    dates[r.stage as Stage] = r.reached_on
  }
  return byProject
}
