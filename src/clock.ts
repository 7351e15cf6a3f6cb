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
