import type { ExpressionBuilder, Selectable } from 'kysely'
import type { Db } from './database.ts'
import { literalLimit } from './literal-limit.ts'
import { prepare, slot } from './prepared.ts'
import type { Database, OutboxTable } from './schema.ts'

/** 'failed': given up on, which only releases before 2026-12 did; an item is now tried until it is sent. */
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
>((qb) =>
  qb
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

/** A group or contact with items due, and the oldest of them (its turn among the others). */
export interface DueTarget {
  target: OutboxTarget
  firstId: number
}

/** Every group and contact that has an item due now and free for `owner`: the sender takes them in turns. */
export async function listDueOutboxTargets(db: Db, now: Date, owner: string): Promise<DueTarget[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['target_kind', 'target_id', (eb) => eb.fn.min('id').as('first_id')])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .where((eb) => freeFor(eb, owner, now))
    .groupBy(['target_kind', 'target_id'])
    .orderBy('first_id')
    .execute()
  return rows.map((r) => ({ target: { kind: r.target_kind as OutboxTarget['kind'], id: r.target_id }, firstId: r.first_id }))
}

/**
 * Claims one target's items due now for `owner` until `until`, in the order they were queued (at
 * most `limit`), and returns them: one statement, so that an item another sender holds is never
 * taken, however the two interleave. A claim ends when the item is marked sent or failed, when its
 * sender stops (`releaseOutboxClaims`), when it runs out, or when the instance lock is taken from
 * a dead holder.
 */
export async function claimDueOutboxItems(db: Db, target: OutboxTarget, now: Date, limit: number, owner: string, until: Date): Promise<OutboxItem[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ claimed_by: owner, claimed_until: until.toISOString() })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('state', '=', 'pending')
        .where('target_kind', '=', target.kind)
        .where('target_id', '=', target.id)
        .where('next_attempt_at', '<=', now.toISOString())
        .where((e) => freeFor(e, owner, now))
        .orderBy('id')
        .limit(literalLimit(limit)),
    )
    .returningAll()
    .execute()
  return rows.map(toOutboxItem).sort((a, b) => a.id - b.id)
}

/** The sender stops: what it claimed and did not send is free for the next one at once. */
export async function releaseOutboxClaims(db: Db, owner: string): Promise<void> {
  await db.updateTable('outbox').set({ claimed_by: null, claimed_until: null }).where('claimed_by', '=', owner).where('state', '=', 'pending').execute()
}

/** Not claimed, claimed by `owner` itself, or claimed by a sender whose claim has run out. */
function freeFor(eb: ExpressionBuilder<Database, 'outbox'>, owner: string, now: Date) {
  return eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', owner), eb('claimed_until', '<=', now.toISOString())])
}

/**
 * WeChat is back after an outage: the items waiting out a backoff become due now, in their order,
 * rather than minutes later. Returns how many.
 */
export async function resumeOutbox(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString() })
    .where('state', '=', 'pending')
    .where('attempts', '>', 0)
    .where('next_attempt_at', '>', now.toISOString())
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Sends keep failing with the link up: the item due soonest is tried now, as a probe of whether
 * sending works again (its success then brings the rest forward). Returns how many (0 or 1).
 */
export async function probeOutbox(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now.toISOString() })
    .where('id', '=', (eb) =>
      eb.selectFrom('outbox').select('id').where('state', '=', 'pending').where('next_attempt_at', '>', now.toISOString()).orderBy('next_attempt_at').orderBy('id').limit(1),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
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

/**
 * Called only after WeChat accepted the text. `folded` are the items whose texts went out in the
 * same message: they are marked sent with it and remember that they went with `id`.
 */
export async function markOutboxSent(db: Db, id: number, at: Date, sentMessageId: string | null = null, folded: readonly number[] = []): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      state: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: at.toISOString(),
      sent_message_id: sentMessageId,
      last_error: null,
      sent_with: eb.case().when('id', '=', id).then(null).else(id).end(),
      claimed_by: null,
      claimed_until: null,
    }))
    .where('id', 'in', [id, ...folded])
    .execute()
}

/** A send failed: count the attempt and try again at `retryAt` (the sender's backoff). */
export async function markOutboxAttemptFailed(db: Db, id: number, error: string, retryAt: Date): Promise<OutboxItem> {
  const row = await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error,
      next_attempt_at: retryAt.toISOString(),
      claimed_by: null,
      claimed_until: null,
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
