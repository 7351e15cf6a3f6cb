import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-07 and never imports app code.
// Messages the bot answered without storing them in `messages` (a private command, a command in a
// group bound to no project), by WeChat id: a second delivery of one is not answered again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('answered_messages')
    .addColumn('wechat_id', 'text', (c) => c.primaryKey())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('answered_messages').execute()
}
