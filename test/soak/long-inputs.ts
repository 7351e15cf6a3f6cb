import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { findDates } from '../../src/parse/dates.ts'
import { parseMessage, PARSE_LIMIT } from '../../src/parse/parse-message.ts'

/** The median of `runs` timings of `work`, in ms. */
function median(runs: number, work: () => void): number {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now()
    work()
    return performance.now() - started
  }).sort((a, b) => a - b)
  return times[Math.floor(runs / 2)]!
}

/**
 * What a long paste costs (issue 10: 100,000 characters of 明天 took 4.4 s): the whole parser, which
 * reads the first PARSE_LIMIT characters, and the date finder alone, uncapped, whose time must grow
 * with the length and no faster.
 */
export function longInputs(): string[] {
  const calendar = loadCalendar()
  const sentAt = '2026-03-10T10:00:00+08:00'
  const parse = [5_000, 50_000, 100_000].map((n) => {
    const body = '明天'.repeat(n / 2)
    return `${n.toLocaleString('en')} 字 ${median(5, () => parseMessage({ body, sentAt }, { calendar })).toFixed(1)} ms`
  })
  const dates = [10_000, 100_000].map((n) => ({ n, ms: median(5, () => findDates('明天'.repeat(n / 2), '2026-03-10', calendar)) }))
  return [
    `长输入（“明天”重复）：整条解析（只读前 ${PARSE_LIMIT.toLocaleString('en')} 字）${parse.join('，')}；`,
    `日期识别单独（不截断）${dates.map((d) => `${d.n.toLocaleString('en')} 字 ${d.ms.toFixed(1)} ms`).join('，')}，长度 10 倍、用时 ${(dates[1]!.ms / dates[0]!.ms).toFixed(1)} 倍（线性）。`,
  ]
}
