import { randomUUID } from 'node:crypto'
import { backoffMs } from '../backoff.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'
import {
  claimDueOutboxItems,
  listDueOutboxTargets,
  markOutboxAttemptFailed,
  markOutboxSent,
  nextOutboxAttemptAt,
  probeOutbox,
  releaseOutboxClaims,
  resumeOutbox,
  type Db,
  type OutboxItem,
} from '../store/index.ts'
import { foldItems, type Send } from './fold.ts'

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
  /** An item has failed STUCK_ATTEMPTS times in a row and is still being tried: tell someone who can look. */
  onStuck?: (item: OutboxItem, error: string) => Promise<void>
  /** This sender's token in the items it claims (the instance lock's owner); a new one by default. */
  owner?: string
}

/** WeChat's answer to a burst ("operation too frequent"): slow down everything, not only this text. */
const TOO_FREQUENT = /操作过于频繁|too frequent|rate limit/iu
const MAX_SLOWDOWN = 16
/** A failed send is tried again later and later, up to every ten minutes, and never given up. */
const MAX_BACKOFF_MS = 10 * 60_000
/** After this many failed sends in a row an item counts as stuck (`onStuck`): about half a minute at
 *  SEND_INTERVAL_MS=150, two minutes at 2000. */
export const STUCK_ATTEMPTS = 5
/**
 * A send that works after this many failed in a row is news for every item waiting out a backoff:
 * sending works again, so they are due at once (in turns, paced). One failure between successes is
 * more likely the item's own trouble (the bot was removed from that group), which a reset would
 * only retry again and again.
 */
const OUTAGE_FAILURES = 2
/**
 * While sends keep failing, one waiting item is tried at least this often, whatever its backoff
 * says: sending may work again with nothing new to send, and the first success is the news.
 */
const PROBE_MS = 10_000
/** How many of a target's due items are read to fold into one send. */
const FOLD_LOOKAHEAD = 50
const MARK_SENT_WARN_AFTER = 5
/** How often an idle sender looks again, in case an item was queued by another process. */
const IDLE_POLL_MS = 1_000
/**
 * How long a claim on the items being sent holds: far longer than any send, so that no other
 * sender takes them meanwhile; a sender that died holding some frees them when the next process
 * takes the instance lock, or at the latest when this runs out.
 */
const CLAIM_MS = 5 * 60_000

/**
 * The one paced sender for every group and contact. Items are marked sent only after the puppet
 * accepted them, so a crash or a restart sends what was pending and nothing that was sent; the
 * window between WeChat taking a text and the mark is one local UPDATE, and a crash inside it sends
 * that text again (at least once, README).
 *
 * Groups take turns: the next send goes to the group (or contact) served longest ago among those
 * with something due, not to the oldest item overall, so a burst in fifty groups gets every group
 * its first confirmation within fifty sends; and a group's pending replies go out folded into one
 * message (fold.ts). A send that fails is tried again later and later, never given up; when WeChat
 * comes back online, everything waiting out a backoff is due again at once.
 */
export class OutboxSender {
  readonly #o: Required<Omit<OutboxSenderOptions, 'onStuck' | 'owner'>> & Pick<OutboxSenderOptions, 'onStuck'>
  readonly #owner: string
  #running = false
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #slowdown = 1
  #successesSinceSlowdown = 0
  /** True until the first look while online: a restart is WeChat coming back, too. */
  #wasOffline = true
  /** Each target's turn: the number of the send that last served it. */
  readonly #served = new Map<string, number>()
  #sends = 0
  /** Sends failed since the last one that worked. */
  #failedInARow = 0
  /** When the last send was tried (the clock's ms). */
  #triedAt = 0

  constructor(options: OutboxSenderOptions) {
    this.#o = { random: Math.random, ...options }
    this.#owner = options.owner ?? randomUUID()
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
    await releaseOutboxClaims(this.#o.db, this.#owner).catch((e: unknown) => this.#o.log.warn(`发件箱：停止时未能释放待发消息：${String(e)}`))
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
          this.#wasOffline = true
          await this.#sleep(IDLE_POLL_MS, true)
          continue
        }
        if (this.#wasOffline) await this.#resume()
        const send = await this.#next()
        if (!send) {
          if (this.#failedInARow >= OUTAGE_FAILURES && this.#o.clock.now().getTime() - this.#triedAt >= PROBE_MS) {
            if ((await probeOutbox(this.#o.db, this.#o.clock.now())) > 0) continue
          }
          await this.#sleep(await this.#idleWait(), true)
          continue
        }
        await this.#deliver(send)
        await this.#sleep(this.#pause())
      } catch (error) {
        // The queue itself failed (database busy, closing): log, wait, try again; never die.
        this.#o.log.error(`发件箱：${(error as Error).message}`)
        await this.#sleep(IDLE_POLL_MS)
      }
    }
  }

  /** Back online (or just started): what waits out a backoff goes now, in its turn. */
  async #resume(): Promise<void> {
    const resumed = await resumeOutbox(this.#o.db, this.#o.clock.now())
    this.#wasOffline = false
    if (resumed > 0) this.#o.log.info(`发件箱：微信已连通，${resumed} 条等待重试的消息立即重发`)
  }

  /** The target served longest ago among those with something due, and what goes to it in one send. */
  async #next(): Promise<Send | null> {
    const { db, clock } = this.#o
    const now = clock.now()
    let turn: { target: OutboxItem['target']; served: number } | undefined
    for (const { target } of await listDueOutboxTargets(db, now, this.#owner)) {
      const served = this.#served.get(targetKey(target)) ?? -1
      if (!turn || served < turn.served) turn = { target, served }
    }
    if (!turn) return null
    const [first, ...rest] = await claimDueOutboxItems(db, turn.target, now, FOLD_LOOKAHEAD, this.#owner, new Date(now.getTime() + CLAIM_MS))
    return first ? foldItems([first, ...rest]) : null
  }

  async #deliver(send: Send): Promise<void> {
    const { clock, log } = this.#o
    const [carrier] = send.items as [OutboxItem, ...OutboxItem[]]
    this.#served.set(targetKey(carrier.target), ++this.#sends)
    this.#triedAt = clock.now().getTime()
    let sentId: string | undefined | void
    try {
      sentId = await this.#o.send({ ...carrier, text: send.text })
    } catch (error) {
      const message = (error as Error).message ?? String(error)
      if (TOO_FREQUENT.test(message)) {
        this.#slowdown = Math.min(MAX_SLOWDOWN, this.#slowdown * 2)
        this.#successesSinceSlowdown = 0
        log.warn(`发件箱：微信提示发送过于频繁，发送间隔放慢为 ${this.#slowdown} 倍`)
      }
      this.#failedInARow++
      for (const item of send.items) await this.#failed(item, message, clock.now())
      return
    }
    await this.#markSent(carrier, sentId ?? null, send.items.slice(1).map((i) => i.id))
    this.#recover()
    if (this.#failedInARow >= OUTAGE_FAILURES) await this.#sendingWorksAgain()
    this.#failedInARow = 0
  }

  /** After an outage of sends (with the link up): what waits out a backoff is due now, not minutes later. */
  async #sendingWorksAgain(): Promise<void> {
    const resumed = await resumeOutbox(this.#o.db, this.#o.clock.now())
    if (resumed > 0) this.#o.log.info(`发件箱：发送已恢复，${resumed} 条等待重试的消息立即依次重发`)
  }

  /** Counts a failed attempt, schedules the next one, and reports an item that keeps failing. */
  async #failed(item: OutboxItem, message: string, now: Date): Promise<void> {
    const attempts = item.attempts + 1
    const backoff = backoffMs(attempts + 1, Math.max(this.#o.intervalMs, 500), MAX_BACKOFF_MS)
    await markOutboxAttemptFailed(this.#o.db, item.id, message, new Date(now.getTime() + backoff))
    this.#o.log.warn(`发件箱：消息 ${item.id} 发送失败（${message}），${backoff} 毫秒后第 ${attempts} 次重试`)
    if (attempts !== STUCK_ATTEMPTS) return
    this.#o.log.error(`发件箱：消息 ${item.id}（发往 ${item.target.id}）已连续 ${attempts} 次发送失败，仍在重试：${message}`)
    await this.#o.onStuck?.(item, message).catch((e: unknown) => this.#o.log.error(`发件箱：无法通知管理员消息 ${item.id} 发不出去：${String(e)}`))
  }

  /**
   * WeChat has the text: from here on a failure to write that down (SQLITE_BUSY) must never count
   * as a failed send, and the item must not be picked again, or the text would go out twice. So
   * the mark is retried until it holds (or the sender stops), logged once it has failed a few times.
   */
  async #markSent(item: OutboxItem, sentId: string | null, folded: number[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await markOutboxSent(this.#o.db, item.id, this.#o.clock.now(), sentId, folded)
        return
      } catch (error) {
        if (attempt === MARK_SENT_WARN_AFTER) {
          this.#o.log.error(`发件箱：消息 ${item.id} 已发出，但暂时无法标记为已发送：${(error as Error).message}`)
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

const targetKey = (target: OutboxItem['target']) => `${target.kind}:${target.id}`
