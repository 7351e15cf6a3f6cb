import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-02 and never imports app code.
// When the sender is behind, a group's pending replies go out folded into one WeChat message: each
// folded item notes the item that carried it (`sent_with`), so a quoted reply to that one message
// finds the issues of every item in it. Null for an item sent on its own, which is every item
// sent before this migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('sent_with', 'integer').execute()
  await db.schema.createIndex('outbox_sent_with').on('outbox').column('sent_with').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_sent_with').execute()
  await db.schema.alterTable('outbox').dropColumn('sent_with').execute()
}
