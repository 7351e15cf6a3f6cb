import { parts, type LocalDate } from './local-date.ts'

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Minutes the zone is ahead of UTC at an instant: 480 for Asia/Shanghai. */
function offsetMinutes(instant: Date, timeZone: string): number {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]))
  const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

/** The instant a wall-clock time on `day` happens in `timeZone`: 2026-10-10 17:00 Asia/Shanghai is 09:00Z. */
export function zonedInstant(day: LocalDate, hour: number, minute: number, second: number, timeZone: string): Date {
  const { year, month, day: d } = parts(day)
  const wall = Date.UTC(year, month - 1, d, hour, minute, second)
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000
  return new Date(instant)
}
