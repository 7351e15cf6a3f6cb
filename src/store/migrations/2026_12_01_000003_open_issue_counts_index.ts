import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-01 and never imports app code.
// The digest, /status for all projects and the whiteboard count open issues per project and per
// team by urgency (due_on against a cutoff), and the digest picks the most overdue and the oldest
// (opened_on). With every column they read in one index, SQLite does it for a province's 25,000
// open issues from the index alone, reading only the rows it names.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('issues_open_counts').on('issues').columns(['status', 'retracted_at', 'project_id', 'category', 'due_on', 'opened_on']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('issues_open_counts').execute()
}
