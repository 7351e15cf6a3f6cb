import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-07 and never imports app code.
// A name in BOT_ADMINS is tied to the WeChat id it had when the bot first resolved it (at start-up
// or at first sight), and that id alone is an admin from then on: renaming someone else to the name
// grants nothing.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_ids')
    .addColumn('entry', 'text', (c) => c.primaryKey())
    .addColumn('wechat_id', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_ids').execute()
}
