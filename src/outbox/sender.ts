import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'
import {
  markOutboxAttemptFailed,
  markOutboxSent,
  nextDueOutboxItem,
  nextOutboxAttemptAt,
  type Db,
  type OutboxItem,
} from '../store/index.ts'

export interface OutboxSenderOptions {
  /** The store whose outbox table is sent from. */
  db: Db
  /** Sends one text; resolves with WeChat's message id when the puppet reports one. */
  send(item: OutboxItem): Promise<string | undefined>
  /** False while WeChat is not logged in: the sender waits instead of burning attempts. */
  isOnline(): boolean
  clock: Clock
  /** SEND_INTERVAL_MS: least time between two sends, before jitter. */
  intervalMs: number
  log: Logger
  /** 0 ≤ r < 1; injectable so tests can pin the jitter. */
  random?: () => number
  maxAttempts?: number
}

/** WeChat's answer to a burst ("operation too frequent"): slow down everything, not only this text. */
const TOO_FREQUENT = /操作过于频繁|too frequent|rate limit/iu
const MAX_SLOWDOWN = 16
const MAX_BACKOFF_MS = 10 * 60_000
const MARK_SENT_WARN_AFTER = 5
/** How often an idle sender looks again, in case an item was queued by another process. */
const IDLE_POLL_MS = 1_000

/**
 * The one paced sender for every group and contact. Items are marked sent only after the puppet
 * accepted them, so a crash or a restart sends what was pending and nothing that was sent.
 */
export class OutboxSender {
  readonly #o: Required<OutboxSenderOptions>
  #running = false
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #slowdown = 1
  #successesSinceSlowdown = 0

  constructor(options: OutboxSenderOptions) {
    this.#o = { random: Math.random, maxAttempts: 6, ...options }
  }

  /** The current pacing factor: 1 normally, higher after WeChat said "操作过于频繁". */
  get slowdown(): number {
    return this.#slowdown
  }

  start(): void {
    if (this.#running) return
    this.#running = true
    this.#loop = this.#run()
  }

  /** Stops after the send in flight (if any) is finished and recorded. */
  async stop(): Promise<void> {
    this.#running = false
    this.#wake?.()
    await this.#loop
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    this.#wake?.()
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        if (!this.#o.isOnline()) {
          // Items are overdue while logged out; asking the queue when the next is due would spin.
          await this.#sleep(IDLE_POLL_MS, true)
          continue
        }
        const item = await nextDueOutboxItem(this.#o.db, this.#o.clock.now())
        if (!item) {
          await this.#sleep(await this.#idleWait(), true)
          continue
        }
        await this.#deliver(item)
        await this.#sleep(this.#pause())
      } catch (error) {
        // The queue itself failed (database busy, closing): log, wait, try again; never die.
        this.#o.log.error(`outbox: ${(error as Error).message}`)
        await this.#sleep(IDLE_POLL_MS)
      }
    }
  }

  async #deliver(item: OutboxItem): Promise<void> {
    const { db, clock, log } = this.#o
    let sentId: string | undefined | void
    try {
      sentId = await this.#o.send(item)
    } catch (error) {
      const message = (error as Error).message ?? String(error)
      const attempts = item.attempts + 1
      if (TOO_FREQUENT.test(message)) {
        this.#slowdown = Math.min(MAX_SLOWDOWN, this.#slowdown * 2)
        this.#successesSinceSlowdown = 0
        log.warn(`outbox: WeChat says too frequent; sending ${this.#slowdown}× slower`)
      }
      if (attempts >= this.#o.maxAttempts) {
        await markOutboxAttemptFailed(db, item.id, message, null)
        log.error(`outbox: gave up on item ${item.id} to ${item.target.id} after ${attempts} attempts: ${message}`)
        return
      }
      const backoff = Math.min(MAX_BACKOFF_MS, Math.max(this.#o.intervalMs, 500) * 2 ** attempts)
      await markOutboxAttemptFailed(db, item.id, message, new Date(clock.now().getTime() + backoff))
      log.warn(`outbox: item ${item.id} failed (${message}); retry ${attempts} in ${backoff} ms`)
      return
    }
    await this.#markSent(item, sentId ?? null)
    this.#recover()
  }

  /**
   * WeChat has the text: from here on a failure to write that down (SQLITE_BUSY) must never count
   * as a failed send, and the item must not be picked again, or the text would go out twice. So
   * the mark is retried until it holds (or the sender stops), logged once it has failed a few times.
   */
  async #markSent(item: OutboxItem, sentId: string | null): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await markOutboxSent(this.#o.db, item.id, this.#o.clock.now(), sentId)
        return
      } catch (error) {
        if (attempt === MARK_SENT_WARN_AFTER) {
          this.#o.log.error(`outbox: item ${item.id} was sent but cannot be marked sent yet: ${(error as Error).message}`)
        }
        if (!this.#running) return
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, IDLE_POLL_MS)))
      }
    }
  }

  /** After ten clean sends in a row, halve the slowdown again. */
  #recover(): void {
    if (this.#slowdown === 1) return
    if (++this.#successesSinceSlowdown >= 10) {
      this.#slowdown = Math.max(1, this.#slowdown / 2)
      this.#successesSinceSlowdown = 0
    }
  }

  /** SEND_INTERVAL_MS, times the slowdown, plus up to half an interval of jitter. */
  #pause(): number {
    const base = this.#o.intervalMs * this.#slowdown
    return base + this.#o.random() * (this.#o.intervalMs / 2)
  }

  async #idleWait(): Promise<number> {
    const next = await nextOutboxAttemptAt(this.#o.db)
    if (!next) return IDLE_POLL_MS
    return Math.max(10, Math.min(IDLE_POLL_MS, next.getTime() - this.#o.clock.now().getTime()))
  }

  /** Waits `ms`; `wakeable` waits (idle ones) end early on `wake()`, pacing waits only on `stop()`. */
  #sleep(ms: number, wakeable = false): Promise<void> {
    if (!this.#running) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      const running = () => this.#running
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = () => {
        if (wakeable || !running()) done()
      }
    })
  }
}
