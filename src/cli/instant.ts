import { isLocalDate } from '../calendar/local-date.ts'

/** 2026-03-02T09:15:00+08:00, 2026-03-02T01:15Z, 2026-03-02 09:15, 2026-03-02: ISO 8601, nothing looser. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u

/**
 * A message's time as an input file gives it, or null when it is not one. JavaScript's own parser
 * takes far too much: "1" is the year 2001, and 2026-02-30 silently becomes 2 March.
 */
export function readInstant(text: string): Date | null {
  const m = ISO_INSTANT.exec(text.trim())
  if (!m || !isLocalDate(m[1]!)) return null
  if (Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59) return null
  const ms = Date.parse(text.trim())
  return Number.isNaN(ms) ? null : new Date(ms)
}
