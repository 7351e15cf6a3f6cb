import type { LocalDate } from '../calendar/local-date.ts'
import type { StageReport } from '../domain/digest.ts'
import type { StageDates } from '../domain/slow-projects.ts'
import type { Stage } from '../parse/types.ts'
import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { prepare, slot } from './prepared.ts'
import type { StageEventsTable } from './schema.ts'
import { toStageEvent } from './mappers.ts'
import type { RecordSource, StageEvent } from '../domain/types.ts'

const insertStage = prepare<Record<string, unknown>, Selectable<StageEventsTable>>((qb) =>
  qb
    .insertInto('stage_events')
    .values({
      project_id: slot('projectId'),
      stage: slot('stage'),
      reached_on: slot('reachedOn'),
      message_id: slot('messageId'),
      source_command: slot('command'),
      actor_id: slot('actorId'),
      recorded_at: slot('at'),
      retracted_at: null,
    })
    .returningAll(),
)

export async function recordStage(db: Db, source: RecordSource, stage: Stage, reachedOn: LocalDate): Promise<StageEvent> {
  const [row] = await insertStage(db, { ...source, at: source.at.toISOString(), stage, reachedOn })
  return toStageEvent(row!)
}

/** The date a project reached a stage, as the ledger has it now (its latest live record); null when never. */
export async function findStageDate(db: Db, projectId: number, stage: Stage): Promise<LocalDate | null> {
  const row = await db
    .selectFrom('stage_events')
    .select('reached_on')
    .where('project_id', '=', projectId)
    .where('stage', '=', stage)
    .where('retracted_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(literalLimit(1))
    .executeTakeFirst()
  return row?.reached_on ?? null
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

/**
 * Each project's stages whose latest live record a member made (in the group or with /进度, not an
 * admin's /stage), with who made it: the digest marks a current stage that stands on a member's
 * word (StageReport). Only those are read: a province's thousands of confirmed stages are not.
 */
export async function listReportedStages(db: Db): Promise<StageReport[]> {
  const rows = await db
    .selectFrom('stage_events as e')
    .leftJoin('people', 'people.id', 'e.actor_id')
    .select(['e.project_id', 'e.stage', 'e.reached_on', 'people.wechat_id', 'people.name'])
    .where('e.retracted_at', 'is', null)
    .where((eb) => eb.or([eb('e.source_command', 'is', null), eb('e.source_command', '!=', 'stage')]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('stage_events as later')
            .select('later.id')
            .whereRef('later.project_id', '=', 'e.project_id')
            .whereRef('later.stage', '=', 'e.stage')
            .where('later.retracted_at', 'is', null)
            .whereRef('later.id', '>', 'e.id'),
        ),
      ),
    )
    .execute()
  return rows.map((r) => ({
    projectId: r.project_id,
    stage: r.stage as Stage,
    reachedOn: r.reached_on,
    reporter: r.wechat_id !== null && r.name !== null ? { wechatId: r.wechat_id, name: r.name } : null,
  }))
}
