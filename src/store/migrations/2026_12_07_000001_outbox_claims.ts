import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-07 and never imports app code.
// A sender claims the items it is about to send (its token and until when), in the statement that
// picks them, so that no second sender on the same database takes an item the first holds.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute()
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute()
}
