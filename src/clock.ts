/** Where every piece of logic gets "now" from, so tests can pin time. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until told to move: for tests and the benchmark. */
export class FakeClock implements Clock {
  #now: number

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.#now)
  }

  set(to: Date | string): void {
    this.#now = new Date(to).getTime()
  }

  advance(ms: number): void {
    this.#now += ms
  }
}

/**
 * The local console's clock: the real time moved ahead by however far the person at the console
 * has moved it (`:时间 2026-12-21 09:00`), then running on from there.
 */
export class MovableClock implements Clock {
  #offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.#offsetMs)
  }

  set(to: Date): void {
    this.#offsetMs = to.getTime() - Date.now()
  }
}
