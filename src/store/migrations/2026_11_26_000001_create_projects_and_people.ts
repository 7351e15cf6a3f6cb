import { sql, type Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-11-26 and never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county', 'text')
    // Both kept: room ids can change across logins, the topic lets the bot find the group again.
    .addColumn('room_id', 'text')
    .addColumn('room_topic', 'text')
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    // The next issue number (#N) of this project, bumped inside the ingest transaction.
    .addColumn('next_issue_number', 'integer', (c) => c.notNull().defaultTo(1))
    // Denormalised so that "silent for N working days" needs no scan over all messages.
    .addColumn('last_message_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute()
  await sql`create unique index projects_room_id on projects (room_id) where room_id is not null`.execute(db)
  await sql`create unique index projects_active_name on projects (name) where archived_at is null`.execute(db)
  await db.schema.createIndex('projects_room_topic').on('projects').column('room_topic').execute()

  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('wechat_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['project_id', 'person_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('memberships').execute()
  await db.schema.dropTable('people').execute()
  await db.schema.dropTable('projects').execute()
}
