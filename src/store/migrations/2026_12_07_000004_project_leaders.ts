import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-07 and never imports app code.
// A project's leader in charge (挂点领导), named by an admin's /挂点: the WeChat contact when the
// admin @mentioned one or the name matched a member, else only the name (looked up when used).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project_leaders')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('wechat_id', 'text')
    .addColumn('set_by_id', 'integer', (c) => c.references('people.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_leaders').execute()
}
