import type { Logger } from '../log.ts'
import type { Db } from '../store/index.ts'
import type { ChatMessage } from './chat-message.ts'
import type { Router } from './router.ts'

/** At most this many waiting messages share one transaction. */
const BATCH = 200
const YIELD_AFTER_MS = 5

/** A message as it arrives: read into a `ChatMessage` only when its turn comes, so order holds. */
export interface Arrival {
  id: string
  read(): Promise<ChatMessage>
}

export interface Inbox {
  push(arrival: Arrival): void
  /** How many messages have arrived so far. */
  readonly received: number
  /** Resolves once every message that has arrived is handled. */
  settled(): Promise<void>
}

/**
 * Messages are handled one at a time, in arrival order (a "已解决" must see the issue reported just
 * before it), and those that arrived meanwhile are handled together in one transaction: a commit
 * per message would cap the bot at a few hundred messages a second. A batch whose commit fails
 * (the disk, a lock held too long) is tried again one message at a time.
 */
export function createInbox(o: { db: Db; router: Router; log: Logger; afterBatch(): void }): Inbox {
  const waiting: Arrival[] = []
  let working: Promise<void> | undefined
  let received = 0

  const work = async () => {
    while (waiting.length > 0) {
      const batch: ChatMessage[] = []
      for (const arrival of waiting.splice(0, BATCH)) {
        try {
          batch.push(await arrival.read())
        } catch (error) {
          o.log.error(`message ${arrival.id}: could not read it: ${String(error)}`)
        }
      }
      await handleBatch(batch)
      o.afterBatch()
    }
    working = undefined
  }

  const handleBatch = async (batch: ChatMessage[]) => {
    try {
      await o.db.transaction().execute(async (trx) => {
        let since = performance.now()
        for (const msg of batch) {
          await o.router.handle(msg, trx)
          // SQLite answers at once, so a batch would hold the event loop for its whole length and
          // WeChat's next messages would wait on the wire: let them in every few milliseconds.
          if (performance.now() - since > YIELD_AFTER_MS) {
            await new Promise((resolve) => setImmediate(resolve))
            since = performance.now()
          }
        }
      })
    } catch (error) {
      o.router.forgetBindings()
      o.log.error(`a batch of ${batch.length} messages failed to commit (${String(error)}); retrying one by one`)
      for (const msg of batch) {
        await o.db
          .transaction()
          .execute((trx) => o.router.handle(msg, trx))
          .catch((e: unknown) => o.log.error(`message ${msg.id} lost: ${String(e)}`))
      }
    }
  }

  return {
    push(arrival) {
      received++
      waiting.push(arrival)
      working ??= work()
    },
    get received() {
      return received
    },
    settled: async () => {
      while (working) await working
    },
  }
}
