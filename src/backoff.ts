/**
 * The one rule for waiting longer after each failure, wherever something is tried again (a send,
 * a message read, a batch the database refused, a reconnect): `firstMs` before the first retry,
 * twice as long before each next one, never more than `maxMs`. `retry` counts from 1.
 * Example: backoffMs(3, 1_000, 60_000) = 4_000; backoffMs(10, 1_000, 60_000) = 60_000.
 */
export function backoffMs(retry: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, retry - 1))
}
