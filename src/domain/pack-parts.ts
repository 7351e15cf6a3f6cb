/** WeChat shows about this much well on a phone; the outbox splits anything longer the same way. */
export const PART_CHARS = 1500

/**
 * Packs blocks of lines (a digest's sections) into texts of at most `max` characters, keeping a
 * block whole when it fits and breaking a long one only between lines; with more than one part
 * each starts with "(1/3)" like the outbox's own split. Blocks are separated by a blank line.
 */
export function packParts(blocks: readonly string[], max = PART_CHARS): string[] {
  // Room for the "(12/12)\n" label.
  const room = max - 10
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
  for (const block of blocks) {
    if (block.length <= room) add(block, '\n\n')
    // A block too long for one part goes line by line (a digest line is short; one longer than a part is cut).
    else block.split('\n').forEach((line, k) => add(line.slice(0, room), k === 0 ? '\n\n' : '\n'))
  }
  if (current !== '') parts.push(current)
  return parts.length <= 1 ? parts : parts.map((p, i) => `(${i + 1}/${parts.length})\n${p}`)
}
