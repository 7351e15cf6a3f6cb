import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-08 and never imports app code.
// Photos posted in project groups: the file lies under the data folder by its SHA-256; the row ties
// it to its message, its sender and project, and to the progress or the close it is evidence of.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('photos')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('message_id', 'integer', (c) => c.notNull().unique().references('messages.id'))
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('progress_id', 'integer', (c) => c.references('progress_updates.id'))
    .addColumn('resolution_id', 'integer', (c) => c.references('resolutions.id'))
    .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
    .addColumn('retracted_at', 'text')
    .execute()
  await db.schema.createIndex('photos_by_project').on('photos').columns(['project_id', 'taken_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('photos').execute()
}
