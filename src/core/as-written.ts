import { readCantonese, toSimplified } from '../parse/normalize.ts'

/** Spaces and the marks that end or join clauses: what separates the runs of words a summary is made of ("60%" is one run). */
const BETWEEN_WORDS = /[\s,，。.!！?？;；:：、…~～\u2005]+/u
/** A gap of the original that holds words (a clause the summary left out, a line of a list) is not kept. */
const HOLDS_WORDS = /[\p{L}\p{N}\n]/u

/**
 * A record's summary in the sender's own characters. The parser reads a normalised text (Simplified,
 * half-width, clauses joined by "，"), and its summaries are made of that text's words; what the
 * board, the 台账 and the replies show is the message as written. Each run of words of the summary is
 * found, in order, in the sender's text read one character at a time the way the parser reads it,
 * and taken from the original: "港隆項目週報：不動產權證仲等緊" stays Traditional, "２号厂房" keeps
 * its full-width digit, and "设备放行了！今天下午" keeps its "！". Between two runs, the original's
 * own punctuation is kept; where the summary skipped words of the original, its own "，" joins them.
 * A summary whose words cannot all be found (a phrase the converter rewrites as a whole) is shown as
 * read. Example: summary "报告:9座坟已经全部迁走", text "报告：9座坟已经全部迁走🙏" → "报告：9座坟已经全部迁走".
 */
export function asWritten(summary: string, text: string): string {
  const runs = summary.split(BETWEEN_WORDS).filter((r) => r !== '')
  if (runs.length === 0) return summary
  // The text read one character at a time, with where each read character came from.
  let read = ''
  const from: number[] = []
  for (let i = 0; i < text.length; ) {
    const cp = String.fromCodePoint(text.codePointAt(i)!)
    const n = toSimplified(cp).normalize('NFKC')
    for (let k = 0; k < n.length; k++) from.push(i)
    read += n
    i += cp.length
  }
  from.push(text.length)
  // Read as the parser reads: Cantonese negations as Mandarin, one character for one.
  read = readCantonese(read)
  const spans: [number, number][] = []
  let cursor = 0
  for (const run of runs) {
    const at = read.indexOf(run, cursor)
    if (at < 0) return summary
    spans.push([from[at]!, from[at + run.length]!])
    cursor = at + run.length
  }
  // The separators the summary itself put between its runs, for the gaps that are not kept.
  const joiners = summary.match(new RegExp(BETWEEN_WORDS.source, 'gu')) ?? []
  const inner = summary.search(new RegExp(BETWEEN_WORDS.source, 'u')) === 0 ? joiners.slice(1) : joiners
  let out = text.slice(spans[0]![0], spans[0]![1])
  for (let k = 1; k < spans.length; k++) {
    const gap = text.slice(spans[k - 1]![1], spans[k]![0])
    out += HOLDS_WORDS.test(gap) || gap.trim() === '' ? (inner[k - 1] ?? '，') : gap.trim()
    out += text.slice(spans[k]![0], spans[k]![1])
  }
  return out
}
