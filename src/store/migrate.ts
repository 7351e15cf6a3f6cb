import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import * as createProjectsAndPeople from './migrations/2026_11_26_000001_create_projects_and_people.ts'
import * as createMessagesAndRecords from './migrations/2026_11_26_000002_create_messages_and_records.ts'
import * as createOutboxAndJobRuns from './migrations/2026_11_26_000003_create_outbox_and_job_runs.ts'
import * as dropProjectLastMessageAt from './migrations/2026_11_26_000004_drop_project_last_message_at.ts'
import * as dropProjectArchivedAt from './migrations/2026_11_30_000005_drop_project_archived_at.ts'
import * as outboxFiles from './migrations/2026_12_01_000001_outbox_files.ts'
import * as boardSecret from './migrations/2026_12_01_000002_board_secret.ts'
import * as openIssueCounts from './migrations/2026_12_01_000003_open_issue_counts_index.ts'
import * as outboxSentWith from './migrations/2026_12_02_000001_outbox_sent_with.ts'
import * as projectBoundBy from './migrations/2026_12_02_000002_project_bound_by.ts'
import * as arrivals from './migrations/2026_12_03_000001_arrivals.ts'
import * as outboxClaims from './migrations/2026_12_07_000001_outbox_claims.ts'
import * as adminIds from './migrations/2026_12_07_000002_admin_ids.ts'
import * as answeredMessages from './migrations/2026_12_07_000003_answered_messages.ts'
import * as projectLeaders from './migrations/2026_12_07_000004_project_leaders.ts'
import * as issueEventFacts from './migrations/2026_12_08_000001_issue_event_facts.ts'
import * as arrivalsInOrder from './migrations/2026_12_08_000002_arrivals_in_order.ts'
import * as photos from './migrations/2026_12_08_000003_photos.ts'

/** Listed here rather than found on disk, so the bundle and the tests run the very same list. */
const migrations: Record<string, Migration> = {
  '2026_11_26_000001_create_projects_and_people': createProjectsAndPeople,
  '2026_11_26_000002_create_messages_and_records': createMessagesAndRecords,
  '2026_11_26_000003_create_outbox_and_job_runs': createOutboxAndJobRuns,
  '2026_11_26_000004_drop_project_last_message_at': dropProjectLastMessageAt,
  '2026_11_30_000005_drop_project_archived_at': dropProjectArchivedAt,
  '2026_12_01_000001_outbox_files': outboxFiles,
  '2026_12_01_000002_board_secret': boardSecret,
  '2026_12_01_000003_open_issue_counts_index': openIssueCounts,
  '2026_12_02_000001_outbox_sent_with': outboxSentWith,
  '2026_12_02_000002_project_bound_by': projectBoundBy,
  '2026_12_03_000001_arrivals': arrivals,
  '2026_12_07_000001_outbox_claims': outboxClaims,
  '2026_12_07_000002_admin_ids': adminIds,
  '2026_12_07_000003_answered_messages': answeredMessages,
  '2026_12_07_000004_project_leaders': projectLeaders,
  '2026_12_08_000001_issue_event_facts': issueEventFacts,
  '2026_12_08_000002_arrivals_in_order': arrivalsInOrder,
  '2026_12_08_000003_photos': photos,
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Brings the schema up to date; running it again changes nothing. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest()
  if (result.error) throw result.error
  return result
}

/** Brings the schema to the named migration, no further: how a test builds a database as it was. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateTo(name)
  if (result.error) throw result.error
  return result
}
