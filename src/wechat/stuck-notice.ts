import type { Clock } from '../clock.ts'
import { enqueueText } from '../outbox/enqueue.ts'
import type { Db, OutboxItem } from '../store/index.ts'
import { renderStuckReply } from '../text/stuck-reply.ts'
import type { AdminRoster } from '../core/admin-roster.ts'
import type { WechatyDirectory } from './wechaty-directory.ts'

const NOTICE_KEY = 'stuck:'

/**
 * The sender's `onStuck`: each admin (BOT_ADMINS) is told privately, once per text, that a text
 * keeps failing. The notice goes through the outbox like any text, so when WeChat itself is down it
 * goes out when WeChat is back. A notice that itself gets stuck is not reported again.
 */
export function tellAdminsWhenStuck(deps: { db: Db; clock: Clock; admins: AdminRoster; directory: WechatyDirectory }) {
  return async (item: OutboxItem, error: string): Promise<void> => {
    if (item.dedupeKey?.startsWith(NOTICE_KEY)) return
    const text = renderStuckReply({ to: await deps.directory.nameOf(item.target), kind: item.target.kind, text: item.text, attempts: item.attempts + 1, error })
    // By id: a contact who merely shares an admin's name is not told.
    for (const id of await deps.admins.recipients(deps.db)) {
      const target = { kind: 'contact' as const, id }
      await enqueueText(deps.db, { target, text, dedupeKey: `${NOTICE_KEY}${item.id}:${target.id}` }, deps.clock.now())
    }
  }
}
