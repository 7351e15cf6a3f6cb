import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-02 and never imports app code.
// How a project got its group: 'topic' (the group's name matched PROJECT_ROOM_PATTERN), 'admin'
// or 'owner' (/bind by an admin, or by the group's owner who is not one). A project a group owner
// bound yields to the group whose name names it; null for projects bound before this migration,
// which are treated as bound by an admin.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('bound_by', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('bound_by').execute()
}
