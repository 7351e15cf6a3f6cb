import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-11-26 and never imports app code.
// Keeping projects.last_message_at current rewrote a project row in every ingest transaction; the
// latest message is now read from the messages (project_id, sent_at) index instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('last_message_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('last_message_at', 'text').execute()
  await db
    .updateTable('projects')
    .set((eb) => ({
      last_message_at: eb.selectFrom('messages').select((m) => m.fn.max('sent_at').as('s')).whereRef('messages.project_id', '=', 'projects.id'),
    }))
    .execute()
}
