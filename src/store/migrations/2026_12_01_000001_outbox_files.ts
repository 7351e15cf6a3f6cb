import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-12-01 and never imports app code.
// An outbox item may carry a file (the 台账 workbook of /导出): where it lies on disk and the name
// WeChat shows. Both null for a text, which is every item queued before this migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('file_path', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('file_name', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('file_name').execute()
  await db.schema.alterTable('outbox').dropColumn('file_path').execute()
}
