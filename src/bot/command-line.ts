import { stripLeadingMentions } from './chat-message.ts'

export interface CommandLine {
  /** The command word as typed, lower-cased: `status`, `状态`. */
  name: string
  /** Everything after the command word, full-width folded and trimmed: `3 已协调供电局`. */
  args: string
}

/**
 * Reads a command from a message body, or `undefined` when it is not one. Accepts the half-width
 * and full-width slash and full-width arguments: `／解决　＃３　已协调` reads as `解决` + `#3 已协调`.
 * NFKC folds full-width letters, digits, ＃ and the ideographic space to their plain forms.
 */
export function readCommandLine(body: string): CommandLine | undefined {
  const text = stripLeadingMentions(body).normalize('NFKC').trim()
  const m = /^\/\s*([^\s/]+)\s*([\s\S]*)$/u.exec(text)
  if (!m) return undefined
  return { name: m[1]!.toLowerCase(), args: m[2]!.trim() }
}

/** Edit distance, for "did you mean /status?" on a typo. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}
