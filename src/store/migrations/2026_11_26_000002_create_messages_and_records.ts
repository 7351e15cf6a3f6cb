import type { Kysely } from 'kysely'

// Frozen in time: this file describes the schema as it was on 2026-11-26 and never imports app code.
// Every record names where it came from: the message (`message_id`) and, when a chat command made
// it rather than the parser, the command's name (`source_command`). Records are never deleted: a
// recall or an undo sets `retracted_at`, and every view filters on it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('wechat_id', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('cut', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('recalled_at', 'text')
    .execute()
  await db.schema.createIndex('messages_project_sent').on('messages').columns(['project_id', 'sent_at']).execute()

  await db.schema
    .createTable('progress_updates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('source_command', 'text')
    .addColumn('reporter_id', 'integer', (c) => c.references('people.id'))
    .addColumn('stage', 'text')
    .addColumn('percent', 'real')
    .addColumn('due_on', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute()
  await db.schema.createIndex('progress_project_recorded').on('progress_updates').columns(['project_id', 'recorded_at']).execute()
  await db.schema.createIndex('progress_recorded_on').on('progress_updates').column('recorded_on').execute()
  await db.schema.createIndex('progress_message').on('progress_updates').column('message_id').execute()

  await db.schema
    .createTable('resolutions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('source_command', 'text')
    .addColumn('reporter_id', 'integer', (c) => c.references('people.id'))
    .addColumn('category', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute()
  await db.schema.createIndex('resolutions_message').on('resolutions').column('message_id').execute()

  await db.schema
    .createTable('issues')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('source_command', 'text')
    // The team is the category: one special work team (专班) per category.
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'integer', (c) => c.references('people.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('people.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('resolution_text', 'text')
    .addColumn('resolved_by_id', 'integer', (c) => c.references('people.id'))
    // The resolution record that closed it, so a recall of that message can reopen it.
    .addColumn('resolution_id', 'integer', (c) => c.references('resolutions.id'))
    .addColumn('retracted_at', 'text')
    .addUniqueConstraint('issues_project_number', ['project_id', 'number'])
    .execute()
  await db.schema.createIndex('issues_status').on('issues').columns(['status', 'project_id']).execute()
  await db.schema.createIndex('issues_opened_on').on('issues').column('opened_on').execute()
  await db.schema.createIndex('issues_resolved_on').on('issues').column('resolved_on').execute()
  await db.schema.createIndex('issues_message').on('issues').column('message_id').execute()
  await db.schema.createIndex('issues_resolution').on('issues').column('resolution_id').execute()

  // The history of every issue: status changes are appended here, never overwritten.
  await db.schema
    .createTable('issue_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('people.id'))
    // Set on 'assigned' events: who the issue was given to.
    .addColumn('assignee_id', 'integer', (c) => c.references('people.id'))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('issue_events_issue').on('issue_events').column('issue_id').execute()

  await db.schema
    .createTable('stage_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('reached_on', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.references('messages.id'))
    .addColumn('source_command', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('people.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute()
  await db.schema.createIndex('stage_events_project').on('stage_events').columns(['project_id', 'stage']).execute()
  await db.schema.createIndex('stage_events_message').on('stage_events').column('message_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['stage_events', 'issue_events', 'issues', 'resolutions', 'progress_updates', 'messages']) {
    await db.schema.dropTable(table).execute()
  }
}
