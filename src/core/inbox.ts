import { backoffMs } from '../backoff.ts'
import type { Logger } from '../log.ts'
import type { Clock } from '../clock.ts'
import { forgetArrivals, isStorageFault, noteArrivals, type Db } from '../store/index.ts'
import type { ChatMessage } from './chat-message.ts'
import type { Router } from './router.ts'

/** At most this many read messages share one transaction. */
const BATCH = 200
const YIELD_AFTER_MS = 5
/** A batch the database refused (locked, disk full) is tried again after this, doubling up to the cap. */
const RETRY_FIRST_MS = 100
const RETRY_MAX_MS = 2_000
/** While the database keeps refusing, the log says so again after this many more tries (about a minute). */
const RETRIES_PER_REMINDER = 12
/** A message that cannot be read is tried again after 1 s, 2 s, 4 s… (at most a minute apart), this many times: about ten minutes. */
const READ_ATTEMPTS = 14

/** A message as it arrives: read into a `ChatMessage` only when its turn comes, so order holds. */
export interface Arrival {
  id: string
  read(): Promise<ChatMessage>
}

export interface Inbox {
  /**
   * The puppet service has announced a message (only its id so far): noted in the database at once,
   * so that a crash before the message is handled leaves it to be read again at the next start.
   */
  note(id: string): void
  push(arrival: Arrival): void
  /** A message that will never come to `push` (the bot's own, or one the service lost): not to be read again. */
  drop(id: string): void
  /** How many messages have arrived so far. */
  readonly received: number
  /** Resolves once every message that has arrived is handled, and every announced id noted. */
  settled(): Promise<void>
  /**
   * Stopping: messages that arrive from now on are only noted (the next process reads them again),
   * until the database closes; a batch the database still refuses is tried once more, then given
   * up (and logged).
   */
  close(): void
}

/** Room kept in advance on the disk for ids the database cannot take (SpillFile); false when full. */
export interface Spill {
  add(ids: readonly string[]): boolean
  clear(): void
}

/**
 * Messages are read one at a time, in arrival order (a "已解决" must see the issue reported just
 * before it), and committed as soon as they are read: those read meanwhile share one transaction (a
 * commit per message would cap the bot at a few hundred messages a second), but a burst is never
 * read whole before its first messages are committed, so a crash loses only what is in flight.
 *
 * A batch the database refuses for its own reasons (another process holds the lock, the disk is
 * full) stays in memory and is tried again, whole and in order, until it commits: the router
 * rethrows those faults instead of answering them. Any other failure of a batch's commit is tried
 * again one message at a time. A message that cannot be read (its group's details did not come
 * before the puppet service went away) is read again later, behind the messages after it.
 *
 * Before any of that, the id of every message the service announces is noted in the database
 * (`note`), and removed in the transaction that handles the message: the protocol has no
 * acknowledgement and no redelivery, so this is how a kill -9 in the middle of a burst leaves
 * behind what it interrupted, to be fetched again at the next start (app.ts). While the database
 * refuses writes (each note would wait out the lock, or fail on a full disk), the ids go to the
 * spill file, room kept on the disk in advance, and into `arrivals` once it takes writes again: a
 * crash then loses only what did not fit there (SPILL_BYTES, about 5,000 ids).
 */
export function createInbox(o: { db: Db; router: Router; clock: Clock; log: Logger; afterBatch(): void; spill?: Spill | undefined }): Inbox {
  const arrived: Arrival[] = []
  const read: ChatMessage[] = []
  let reading: Promise<void> | undefined
  let committing: Promise<void> | undefined
  let received = 0
  let closing = false
  /** The database refused the last commit for its own reasons (locked, full), and has not taken one since. */
  let faulted = false
  const rereads = new Map<NodeJS.Timeout, Arrival>()
  /** Ids written to the spill file and not handled yet: noted in the database once it takes writes again. */
  const spilled = new Set<string>()
  let spillWritten = false
  const spill = (ids: readonly string[]) => {
    if (!o.spill || ids.length === 0) return
    if (o.spill.add(ids)) {
      spillWritten = true
      for (const id of ids) spilled.add(id)
    } else {
      o.log.error(`为磁盘满预留的空间已用完：消息 ${ids.join('、')} 只在内存中，进程此时被强制结束会丢失`)
    }
  }
  const readAttempts = new Map<string, number>()

  /**
   * Announced ids not yet noted: written together at the next turn of the event loop, in one
   * statement. One write each would queue a burst's thousands of writes on the one connection,
   * every one of them woken each time it frees (kysely's mutex), and stall the bot.
   */
  const toNote = new Set<string>()
  /** The note being written, if any: settled() waits for it, so that a stop never closes the database under it. */
  let noting: Promise<void> | undefined
  const noteAll = () => {
    const ids = [...toNote]
    toNote.clear()
    const written = noteArrivals(o.db, ids, o.clock.now())
      .catch((e: unknown) => {
        // A storage fault is the commit's news to tell; the ids go to the room kept on the disk.
        if (isStorageFault(e)) spill(ids)
        else if (!closing) o.log.warn(`无法记下收到的消息 ${ids.join('、')}：${String(e)}`)
      })
      .finally(() => {
        if (noting === written) noting = undefined
      })
    noting = written
  }

  const readAll = async () => {
    for (let arrival = arrived.shift(); arrival; arrival = arrived.shift()) {
      try {
        read.push(await arrival.read())
        readAttempts.delete(arrival.id)
      } catch (error) {
        readLater(arrival, error)
        continue
      }
      committing ??= commitAll()
    }
    reading = undefined
  }

  const readLater = (arrival: Arrival, error: unknown) => {
    const attempt = (readAttempts.get(arrival.id) ?? 0) + 1
    if (closing) {
      // Still noted: the next start reads it again.
      o.log.error(`停止时消息 ${arrival.id} 仍无法读取，下次启动时重新读取：${String(error)}`)
      return
    }
    if (attempt > READ_ATTEMPTS) {
      readAttempts.delete(arrival.id)
      o.log.error(`消息 ${arrival.id} 无法读取，未能处理：${String(error)}`)
      forget([arrival.id])
      return
    }
    readAttempts.set(arrival.id, attempt)
    if (attempt === 1) o.log.warn(`消息 ${arrival.id} 暂时无法读取（${String(error)}），稍后重试`)
    const timer = setTimeout(
      () => {
        rereads.delete(timer)
        arrived.push(arrival)
        reading ??= readAll()
      },
      backoffMs(attempt, 1_000, 60_000),
    )
    rereads.set(timer, arrival)
  }

  const commitAll = async () => {
    while (read.length > 0) {
      await commit(read.splice(0, BATCH), () => undefined, true)
      o.afterBatch()
    }
    committing = undefined
  }

  /**
   * Commits the batch, waiting out storage faults; `otherwise` gets any other failure. A batch that
   * may `grow` takes in what was read while it waited, so that the messages held in memory are
   * committed, and counted in the log, together.
   */
  const commit = async (batch: ChatMessage[], otherwise: (error: unknown) => Promise<void> | void, grow = false): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (grow) batch.push(...read.splice(0, BATCH - batch.length))
      // Read within the turn it was announced in (a fast service): handled now, nothing to note.
      for (const msg of batch) toNote.delete(msg.id)
      try {
        await o.router.inBatch(o.db, async (handle, trx) => {
          let since = performance.now()
          for (const msg of batch) {
            await handle(msg)
            // SQLite answers at once, so a batch would hold the event loop for its whole length and
            // WeChat's next messages would wait on the wire: let them in every few milliseconds.
            if (performance.now() - since > YIELD_AFTER_MS) {
              await new Promise((resolve) => setImmediate(resolve))
              since = performance.now()
            }
          }
          await forgetArrivals(trx, batch.map((m) => m.id))
        })
        faulted = false
        for (const msg of batch) spilled.delete(msg.id)
        if (attempt > 0) o.log.info(`数据库恢复写入：等待中的 ${batch.length} 条消息已入库`)
        await unspill()
        return
      } catch (error) {
        if (!isStorageFault(error)) return batch.length > 1 ? oneByOne(batch, error) : otherwise(error)
        faulted = true
        // Read in the turn they were announced in, so never noted: the spill file holds them now.
        spill(batch.map((m) => m.id).filter((id) => !spilled.has(id)))
        if (closing) {
          o.log.error(
            `停止时数据库仍无法写入（${String(error)}）：${batch.length} 条消息未能入库（id 已记在数据库或预留的文件里的，下次启动时重新读取）：${batch.map((m) => m.id).join('、')}`,
          )
          return
        }
        if (attempt % RETRIES_PER_REMINDER === 0) {
          o.log.error(`数据库暂时无法写入（${String(error)}）：${batch.length + read.length + arrived.length} 条消息留在内存中，持续重试，恢复后依次入库`)
        }
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt + 1, RETRY_FIRST_MS, RETRY_MAX_MS)))
      }
    }
  }

  /** The database takes writes again: what the spill file still holds unhandled goes to `arrivals`, then the file is cleared. */
  const unspill = async () => {
    if (!o.spill || !spillWritten) return
    try {
      await noteArrivals(o.db, [...spilled], o.clock.now())
      spilled.clear()
      o.spill.clear()
      spillWritten = false
    } catch {
      // Still refused: the file keeps them; the next commit tries again.
    }
  }

  const oneByOne = async (batch: ChatMessage[], error: unknown) => {
    o.log.error(`${batch.length} 条消息的批量写入失败（${String(error)}），逐条重试`)
    for (const msg of batch) {
      await commit([msg], (e) => {
        o.log.error(`消息 ${msg.id} 未能入库：${String(e)}`)
        // Reading it again at the next start would fail the same way.
        forget([msg.id])
      })
    }
  }

  const forget = (ids: string[]) => {
    forgetArrivals(o.db, ids).catch((e: unknown) => o.log.warn(`无法从待处理记录中删去消息 ${ids.join('、')}：${String(e)}`))
  }

  return {
    note(id) {
      // The database refuses writes: each note would wait out the lock; the ids go to the spill file.
      if (faulted) return spill([id])
      if (toNote.size === 0) setImmediate(noteAll)
      toNote.add(id)
    },
    drop(id) {
      // Not written yet: nothing to take back.
      if (!toNote.delete(id)) forget([id])
    },
    push(arrival) {
      // Noted already: the process that starts next reads it again (a restart loses none).
      if (closing) return
      received++
      arrived.push(arrival)
      reading ??= readAll()
    },
    get received() {
      return received
    },
    settled: async () => {
      for (;;) {
        // An id announced this turn is written at the next: let it be.
        if (toNote.size > 0) await new Promise((resolve) => setImmediate(resolve))
        const busy = reading ?? committing ?? noting
        if (!busy) return
        await busy
      }
    },
    close() {
      closing = true
      for (const [timer, arrival] of rereads) {
        clearTimeout(timer)
        o.log.error(`停止时消息 ${arrival.id} 仍无法读取，下次启动时重新读取`)
      }
      rereads.clear()
    },
  }
}
