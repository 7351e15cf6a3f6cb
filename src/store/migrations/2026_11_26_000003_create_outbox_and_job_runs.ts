import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-11-26 and never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // JSON array of contact ids to @mention in a room.
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    // Optional: a second enqueue with the same key is ignored (a job's text for one day, say).
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    // Optional: the issue a confirmation is about, so a quoted reply to it finds the issue.
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_message_id', 'text')
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute()
  await db.schema.createIndex('outbox_sent_message').on('outbox').column('sent_message_id').execute()

  // One row per job and working day: claimed in the same transaction that enqueues the job's texts.
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('working_day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('job_runs_job_day', ['job', 'working_day'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_runs').execute()
  await db.schema.dropTable('outbox').execute()
}
