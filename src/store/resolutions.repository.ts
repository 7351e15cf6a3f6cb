import type { ResolutionRecord } from '../parse/types.ts'
import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import { prepare, slot } from './prepared.ts'
import type { ResolutionsTable } from './schema.ts'
import { toResolution } from './mappers.ts'
import type { RecordSource, Resolution } from '../domain/types.ts'

export type NewResolution = Pick<ResolutionRecord, 'category' | 'summary'>

/**
 * Stores a report that something was solved. Which issue it closes is the bot's decision (a quote,
 * or the only open issue of that team); `resolveIssue` links the two.
 */
export async function recordResolution(db: Db, source: RecordSource, record: NewResolution): Promise<Resolution> {
  const [row] = await insertResolution(db, { ...source, at: source.at.toISOString(), category: record.category, summary: record.summary })
  return toResolution(row!)
}

const insertResolution = prepare<Record<string, unknown>, Selectable<ResolutionsTable>>((qb) =>
  qb
    .insertInto('resolutions')
    .values({
      project_id: slot('projectId'),
      message_id: slot('messageId'),
      source_command: slot('command'),
      reporter_id: slot('actorId'),
      category: slot('category'),
      summary: slot('summary'),
      recorded_at: slot('at'),
      retracted_at: null,
    })
    .returningAll(),
)
