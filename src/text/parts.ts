/** WeChat shows about this much well on a phone; the outbox sends anything longer in numbered parts. */
export const PART_CHARS = 1500

/** Room left in a part for its "(12/12)\n" label. */
const LABEL_ROOM = 10

/**
 * Splits a text into parts of at most `max` characters. Its blocks (separated by a blank line: a
 * digest's sections) stay whole where they fit, a longer block breaks between lines, and a single
 * line longer than a part is cut into pieces. With more than one part each starts with "(1/3)".
 */
export function splitParts(text: string, max = PART_CHARS): string[] {
  if (text.length <= max) return [text]
  const room = max - LABEL_ROOM
  const parts: string[] = []
  let current = ''
  const add = (piece: string, separator: string) => {
    if (current === '') current = piece
    else if (current.length + separator.length + piece.length <= room) current += separator + piece
    else {
      parts.push(current)
      current = piece
    }
  }
  for (const block of text.split('\n\n')) {
    if (block.length <= room) {
      add(block, '\n\n')
      continue
    }
    block.split('\n').forEach((line, k) => {
      for (let at = 0; at === 0 || at < line.length; at += room) add(line.slice(at, at + room), k === 0 && at === 0 ? '\n\n' : '\n')
    })
  }
  if (current !== '') parts.push(current)
  return parts.length <= 1 ? parts : parts.map((p, i) => `(${i + 1}/${parts.length})\n${p}`)
}
