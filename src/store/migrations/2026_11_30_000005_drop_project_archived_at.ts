import { sql, type Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-11-30 and never imports app code.
// Nothing ever archived a project, yet every project query filtered on archived_at; the column and
// the partial index that depended on it go, and project names stay unique.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index projects_active_name`.execute(db)
  await db.schema.alterTable('projects').dropColumn('archived_at').execute()
  await sql`create unique index projects_name on projects (name)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index projects_name`.execute(db)
  await db.schema.alterTable('projects').addColumn('archived_at', 'text').execute()
  await sql`create unique index projects_active_name on projects (name) where archived_at is null`.execute(db)
}
