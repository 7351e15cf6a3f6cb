import type { Clock } from '../clock.ts'
import { enqueueReply } from '../store/reply-outbox.repository.ts'
import {
  markOutboxAttemptFailed,
  markOutboxSent,
  nextDueOutboxItem,
  nextOutboxAttemptAt,
  type Db,
} from '../store/index.ts'
import type { OutboxQueue } from './outbox-sender.ts'
import { splitText } from './split-text.ts'

/** A text the bot wants to say. */
export interface Outgoing {
  targetKind: 'room' | 'contact'
  targetId: string
  text: string
  /** The issue the text confirms: a quoted reply to it then finds the issue. */
  issueId?: number | undefined
  mentionIds?: string[]
}

/** The store's outbox table behind the sender's queue interface. */
export function storeOutboxQueue(db: Db): OutboxQueue {
  return {
    nextDue: (now) => nextDueOutboxItem(db, now),
    nextAttemptAt: () => nextOutboxAttemptAt(db),
    markSent: (id, at, sentMessageId) => markOutboxSent(db, id, at, sentMessageId),
    markRetry: async (id, error, retryAt) => void (await markOutboxAttemptFailed(db, id, error, retryAt)),
    markFailed: async (id, error) => void (await markOutboxAttemptFailed(db, id, error, null)),
  }
}

/** Queues a text, split into numbered parts when it is longer than WeChat shows well. */
export async function enqueueText(db: Db, clock: Clock, out: Outgoing): Promise<void> {
  const at = clock.now()
  for (const [index, text] of splitText(out.text).entries()) {
    await enqueueReply(db, {
      targetKind: out.targetKind,
      targetId: out.targetId,
      text,
      // Mentions go with the first part only: one ping per message.
      mentions: index === 0 ? (out.mentionIds ?? []) : [],
      issueId: out.issueId ?? null,
      at,
    })
  }
}
