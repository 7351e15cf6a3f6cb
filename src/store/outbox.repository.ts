import type { Selectable } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { compiler, prepare, slot } from './prepared.ts'
import type { OutboxTable } from './schema.ts'

export type OutboxState = 'pending' | 'sent' | 'failed'

export interface OutboxTarget {
  kind: 'room' | 'contact'
  /** The room id or contact id to send to. */
  id: string
}

/** A file to send (the workbook of /导出): a path on this machine and the name WeChat shows. */
export interface OutboxFile {
  path: string
  name: string
}

export interface OutboxItem {
  id: number
  target: OutboxTarget
  /** The text to send; for a file, its name (what the logs and the outbox table show). */
  text: string
  /** Set when the item sends this file instead of its text. */
  file: OutboxFile | null
  /** Contact ids to @mention (rooms only). */
  mentions: string[]
  dedupeKey: string | null
  issueId: number | null
  state: OutboxState
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
  sentMessageId: string | null
}

export function toOutboxItem(row: Selectable<OutboxTable>): OutboxItem {
  return {
    id: row.id,
    target: { kind: row.target_kind as OutboxTarget['kind'], id: row.target_id },
    text: row.text,
    file: row.file_path !== null && row.file_name !== null ? { path: row.file_path, name: row.file_name } : null,
    mentions: JSON.parse(row.mentions) as string[],
    dedupeKey: row.dedupe_key,
    issueId: row.issue_id,
    state: row.state as OutboxState,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    sentMessageId: row.sent_message_id,
  }
}

export interface NewOutboxItem {
  target: OutboxTarget
  text: string
  /** Contact ids to @mention (rooms only). */
  mentions: readonly string[]
  /** A key already in the outbox makes this enqueue a no-op (one job text per day and group, say). */
  dedupeKey: string | null
  /** The issue the text confirms, so a quoted reply to the sent message finds it. */
  issueId: number | null
  /** A file to send instead of the text. */
  file?: OutboxFile | null
  at: Date
}

// On every recorded message's path, so compiled once.
const insertOutbox = prepare<
  {
    targetKind: string
    targetId: string
    text: string
    mentions: string
    dedupeKey: string | null
    issueId: number | null
    filePath: string | null
    fileName: string | null
    at: string
  },
  { id: number }
>(
  compiler
    .insertInto('outbox')
    .values({
      target_kind: slot('targetKind'),
      target_id: slot('targetId'),
      text: slot('text'),
      mentions: slot('mentions'),
      dedupe_key: slot('dedupeKey'),
      issue_id: slot('issueId'),
      state: 'pending',
      next_attempt_at: slot('at'),
      last_error: null,
      created_at: slot('at'),
      sent_at: null,
      sent_message_id: null,
      file_path: slot('filePath'),
      file_name: slot('fileName'),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id'),
)

/** Queues one text (or file) to send; false when its dedupe key was already queued (nothing changed). */
export async function enqueueOutbox(db: Db, item: NewOutboxItem): Promise<boolean> {
  const at = item.at.toISOString()
  const rows = await insertOutbox(db, {
    targetKind: item.target.kind,
    targetId: item.target.id,
    text: item.text,
    mentions: JSON.stringify(item.mentions),
    dedupeKey: item.dedupeKey,
    issueId: item.issueId,
    filePath: item.file?.path ?? null,
    fileName: item.file?.name ?? null,
    at,
  })
  return rows.length > 0
}

/**
 * The next pending item whose time has come, oldest first. It stays pending while it is being
 * sent: after a crash mid-send it is sent again rather than lost.
 */
export async function nextDueOutboxItem(db: Db, now: Date): Promise<OutboxItem | null> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(literalLimit(1))
    .executeTakeFirst()
  return row ? toOutboxItem(row) : null
}

/** When the sender should next wake up: the earliest pending item's time, null when none is pending. */
export async function nextOutboxAttemptAt(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('next'))
    .where('state', '=', 'pending')
    .executeTakeFirst()
  return row?.next ? new Date(row.next) : null
}

/** Called only after WeChat accepted the text. */
export async function markOutboxSent(db: Db, id: number, at: Date, sentMessageId: string | null = null): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      state: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: at.toISOString(),
      sent_message_id: sentMessageId,
      last_error: null,
    }))
    .where('id', '=', id)
    .execute()
}

/**
 * A send failed: count the attempt and either retry at `retryAt` (the sender's backoff) or, with
 * `retryAt` null, give up and mark it failed.
 */
export async function markOutboxAttemptFailed(db: Db, id: number, error: string, retryAt: Date | null): Promise<OutboxItem> {
  const row = await db
    .updateTable('outbox')
    .set((eb) => ({
      state: retryAt ? 'pending' : 'failed',
      attempts: eb('attempts', '+', 1),
      last_error: error,
      ...(retryAt ? { next_attempt_at: retryAt.toISOString() } : {}),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toOutboxItem(row)
}

export async function listOutbox(db: Db, state: OutboxState): Promise<OutboxItem[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('state', '=', state).orderBy('id').execute()
  return rows.map(toOutboxItem)
}
