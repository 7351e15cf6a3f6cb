import { sql, type Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-08 and never imports app code.
// Arrivals were read back in the order SQLite's hidden rowid kept, which no other engine has: the
// order they came in is now a column of its own, `seq`. Rows left by a crash just before this
// upgrade keep the order of their time of arrival (ids noted in the same millisecond, by id).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('arrivals_in_order')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('wechat_id', 'text', (c) => c.notNull().unique())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into arrivals_in_order (wechat_id, arrived_at) select wechat_id, arrived_at from arrivals order by arrived_at, wechat_id`.execute(db)
  await db.schema.dropTable('arrivals').execute()
  await db.schema.alterTable('arrivals_in_order').renameTo('arrivals').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('arrivals_unordered').addColumn('wechat_id', 'text', (c) => c.primaryKey()).addColumn('arrived_at', 'text', (c) => c.notNull()).execute()
  await sql`insert into arrivals_unordered (wechat_id, arrived_at) select wechat_id, arrived_at from arrivals order by seq`.execute(db)
  await db.schema.dropTable('arrivals').execute()
  await db.schema.alterTable('arrivals_unordered').renameTo('arrivals').execute()
}
