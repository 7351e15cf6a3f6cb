import { sql, type Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-01 and never imports app code.
// The whiteboard's signing secret, generated once on first start when BOARD_SECRET is not set, so
// that links stay valid across restarts. One row at most.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('board_secret')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('board_secret').execute()
}
