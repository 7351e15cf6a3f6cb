import type { Db } from './database.ts'
import { compiler, prepare, slot } from './prepared.ts'

export interface NewReply {
  targetKind: 'room' | 'contact'
  targetId: string
  text: string
  /** Contact ids to @mention (rooms only). */
  mentions: string[]
  /** The issue the reply confirms, so a quoted reply to it finds the issue. */
  issueId: number | null
  at: Date
}

const insertReply = prepare<
  { targetKind: string; targetId: string; text: string; mentions: string; issueId: number | null; at: string },
  unknown
>(
  compiler.insertInto('outbox').values({
    target_kind: slot('targetKind'),
    target_id: slot('targetId'),
    text: slot('text'),
    mentions: slot('mentions'),
    dedupe_key: null,
    issue_id: slot('issueId'),
    state: 'pending',
    next_attempt_at: slot('at'),
    last_error: null,
    created_at: slot('at'),
    sent_at: null,
    sent_message_id: null,
  }),
)

/**
 * Queues a reply to a message: `enqueueOutbox` without the dedupe key and the returned row, which
 * a reply needs neither of. It is on every recorded message's path, so it is compiled once.
 */
export async function enqueueReply(db: Db, reply: NewReply): Promise<void> {
  const at = reply.at.toISOString()
  await insertReply(db, {
    targetKind: reply.targetKind,
    targetId: reply.targetId,
    text: reply.text,
    mentions: JSON.stringify(reply.mentions),
    issueId: reply.issueId,
    at,
  })
}
