import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-03 and never imports app code.
// The ids of messages the puppet service has announced and the bot has not yet handled: noted the
// moment the service says a message exists, before its payload, sender and group are loaded, and
// removed in the transaction that handles the message. A row left behind by a crash (kill -9, a
// power cut) is read again from the service at the next start.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('arrivals')
    .addColumn('wechat_id', 'text', (c) => c.primaryKey())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('arrivals').execute()
}
