/** WeChat cuts long texts badly; anything longer goes out in numbered parts. */
const MAX_PART_CHARS = 1500

/**
 * Splits a text at line boundaries into parts of at most `max` characters, each numbered
 * "(1/3)" on its first line when there is more than one. A single line longer than a part is cut.
 */
export function splitText(text: string, max = MAX_PART_CHARS): string[] {
  if (text.length <= max) return [text]
  // Room for the "(12/12)\n" label.
  const room = max - 10
  const parts: string[] = []
  let current = ''
  const flush = () => {
    if (current !== '') parts.push(current)
    current = ''
  }
  for (const line of text.split('\n')) {
    for (let rest = line; ; ) {
      const piece = rest.slice(0, room)
      rest = rest.slice(room)
      const joined = current === '' ? piece : `${current}\n${piece}`
      if (joined.length > room) {
        flush()
        current = piece
      } else {
        current = joined
      }
      if (rest === '') break
      flush()
    }
  }
  flush()
  return parts.map((p, i) => `(${i + 1}/${parts.length})\n${p}`)
}
