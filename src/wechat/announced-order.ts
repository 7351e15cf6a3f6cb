/**
 * Puts loaded messages back in the order the puppet service announced them.
 *
 * Wechaty loads every announced message on its own (payload, sender, group) and emits each as soon
 * as it is loaded. The first message of a group the bot has not seen waits for the group's details
 * and members to load, while the next message, or one of a group already loaded, is emitted first:
 * under load a new group's "燃气管道还没接" could reach the inbox after its own "已解决". So each
 * announced id takes its place in line, and a loaded message is let through only once every message
 * announced before it is through, or gone (the bot's own, one Wechaty could not load).
 *
 * A message Wechaty neither emits nor reports lost (an error that names no id) would hold the line
 * forever: one that has waited `holdMs` since it was announced loses its place, and comes through
 * whenever it does arrive.
 */
export class AnnouncedOrder<T> {
  /** Announced ids in order, from `#head` on; ids before `#head` are through. */
  #line: string[] = []
  #head = 0
  readonly #waiting = new Map<string, { at: number; loaded: boolean; item?: T }>()
  #timer: NodeJS.Timeout | undefined
  /** The id the timer is set for. */
  #timerFor: string | undefined

  constructor(
    private readonly release: (item: T) => void,
    private readonly holdMs: number,
    /** Milliseconds on a monotonic clock: how long a message waits is the transport's timing, not the ledger's time. */
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

  /** The service announced a message (before Wechaty loads it). */
  announce(id: string): void {
    if (this.#waiting.has(id)) return
    this.#waiting.set(id, { at: this.elapsedMs(), loaded: false })
    this.#line.push(id)
  }

  /** Wechaty loaded a message: through now if nothing announced before it is still loading. */
  arrived(id: string, item: T): void {
    const waiting = this.#waiting.get(id)
    // Not in line: fetched again after a restart, looked for again after a loss, or it lost its place.
    if (!waiting) return this.release(item)
    waiting.item = item
    waiting.loaded = true
    this.#letThrough()
  }

  /** A message that will never arrive: the bot's own, or one Wechaty could not load (looked for again later). */
  gone(id: string): void {
    if (!this.#waiting.delete(id)) return
    this.#letThrough()
  }

  /** Forgets the line (stopping): nothing waiting is let through. */
  clear(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#timerFor = undefined
    this.#line = []
    this.#head = 0
    this.#waiting.clear()
  }

  #letThrough(): void {
    const now = this.elapsedMs()
    while (this.#head < this.#line.length) {
      const id = this.#line[this.#head]!
      const waiting = this.#waiting.get(id)
      if (waiting && !waiting.loaded && now - waiting.at < this.holdMs) break
      this.#head++
      if (!waiting) continue
      this.#waiting.delete(id)
      if (waiting.loaded) this.release(waiting.item as T)
    }
    if (this.#head > 1024 && this.#head * 2 > this.#line.length) {
      this.#line = this.#line.slice(this.#head)
      this.#head = 0
    }
    this.#wakeForHead(now)
  }

  /** While the first in line is still loading, look again when its hold runs out. */
  #wakeForHead(now: number): void {
    const id = this.#head < this.#line.length ? this.#line[this.#head] : undefined
    if (id === this.#timerFor) return
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#timerFor = id
    const first = id === undefined ? undefined : this.#waiting.get(id)
    if (!first) return
    this.#timer = setTimeout(() => {
      this.#timerFor = undefined
      this.#letThrough()
    }, Math.max(0, first.at + this.holdMs - now))
    this.#timer.unref()
  }
}
