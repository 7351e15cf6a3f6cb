import type { ResolutionRecord } from '../parse/types.ts'
import type { Db } from './database.ts'
import { toResolution } from './mappers.ts'
import type { RecordSource, Resolution } from './types.ts'

export type NewResolution = Pick<ResolutionRecord, 'category' | 'summary'>

/**
 * Stores a report that something was solved. Which issue it closes is the bot's decision (a quote,
 * or the only open issue of that team); `resolveIssue` links the two.
 */
export async function recordResolution(db: Db, source: RecordSource, record: NewResolution): Promise<Resolution> {
  const row = await db
    .insertInto('resolutions')
    .values({
      project_id: source.projectId,
      message_id: source.messageId,
      source_command: source.command,
      reporter_id: source.actorId,
      category: record.category,
      summary: record.summary,
      recorded_at: source.at.toISOString(),
      retracted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toResolution(row)
}
