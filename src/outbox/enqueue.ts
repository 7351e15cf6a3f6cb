import { enqueueOutbox, type Db, type OutboxFile, type OutboxTarget } from '../store/index.ts'
import { splitParts } from '../text/parts.ts'

/** A text the bot wants to say: a reply, a job's reminder, a digest. */
export interface Outgoing {
  target: OutboxTarget
  text: string
  /** Contact ids to @mention (rooms only). */
  mentionIds?: readonly string[]
  /** The issue the text confirms: a quoted reply to it then finds the issue. */
  issueId?: number | null
  /** Makes the enqueue a no-op when already queued (a job's text for one day and group); per part. */
  dedupeKey?: string
}

/**
 * The one way into the outbox, for replies and jobs alike: the text in numbered parts when it is
 * longer than WeChat shows well, @mentions with the first part only (one ping per message).
 * Returns how many parts were queued (fewer when some were queued before under the same key).
 */
export async function enqueueText(db: Db, out: Outgoing, at: Date): Promise<number> {
  let queued = 0
  for (const [index, text] of splitParts(out.text).entries()) {
    const created = await enqueueOutbox(db, {
      target: out.target,
      text,
      mentions: index === 0 ? (out.mentionIds ?? []) : [],
      dedupeKey: out.dedupeKey === undefined ? null : `${out.dedupeKey}:${index}`,
      issueId: out.issueId ?? null,
      at,
    })
    if (created) queued++
  }
  return queued
}

/**
 * Queues a file (the workbook of /导出) through the same paced sender as every text: one item,
 * sent after whatever was queued before it. The file must stay at `file.path` until it is sent.
 */
export async function enqueueFile(db: Db, out: { target: OutboxTarget; file: OutboxFile }, at: Date): Promise<void> {
  await enqueueOutbox(db, { target: out.target, text: out.file.name, file: out.file, mentions: [], dedupeKey: null, issueId: null, at })
}
