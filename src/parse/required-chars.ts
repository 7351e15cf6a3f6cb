/**
 * The characters a regular expression cannot match without: every match holds at least one of
 * them. "已(?:经)?(?:解决|落实)" needs 已; "(?:问题|困难)" needs 问 or 困; "[^,，。]{0,4}完成" needs
 * 完. The parser asks a clause only the phrase families whose characters it holds (phrases.ts),
 * so most of its families cost nothing on a clause like "好的收到".
 *
 * null means no such set can be told (an optional part only, "\s", ".", a negated class): the
 * family is always asked. Any syntax this reader does not know also gives null, so the answer is
 * never too small.
 */
export function requiredChars(source: string): Set<string> | null {
  const reader = new Reader(source)
  const set = reader.alternation()
  return reader.done() ? set : null
}

/**
 * A gate before a list of patterns, any number of them: for a text, the bits of the patterns it may
 * match, from one pass over its characters. A pattern whose bit is clear cannot match and need not
 * run. The bits are kept in 32-bit words, pattern i in word i >>> 5: a list that grows past 32
 * patterns takes a second word, not an error.
 */
export class CharacterGate {
  /** Words of bits for each UTF-16 code unit, `words` per unit: a typed array reads several times faster than a Map. */
  private readonly byChar: Int32Array
  private readonly always: Int32Array
  readonly words: number

  constructor(sources: readonly string[]) {
    this.words = Math.max(1, Math.ceil(sources.length / 32))
    this.byChar = new Int32Array(0x10000 * this.words)
    this.always = new Int32Array(this.words)
    sources.forEach((source, i) => {
      const chars = requiredChars(source)
      const [word, bit] = [i >>> 5, 1 << (i & 31)]
      // Characters outside the BMP are two code units: such a pattern is always let through.
      if (chars === null || [...chars].some((c) => c.length !== 1)) this.always[word]! |= bit
      else for (const c of chars) this.byChar[c.charCodeAt(0) * this.words + word]! |= bit
    })
  }

  /** The words of bits for `text`: pattern i may match it when `isOpen(bits, i)`. */
  open(text: string): Int32Array {
    const bits = this.always.slice()
    const { byChar, words } = this
    if (words === 1) {
      let b = bits[0] as number
      for (let i = 0; i < text.length; i++) b |= byChar[text.charCodeAt(i)] as number
      bits[0] = b
      return bits
    }
    for (let i = 0; i < text.length; i++) {
      const at = text.charCodeAt(i) * words
      for (let w = 0; w < words; w++) bits[w]! |= byChar[at + w] as number
    }
    return bits
  }
}

/** Whether pattern `i` is let through by the bits a gate gave. */
export const isOpen = (bits: Int32Array, i: number): boolean => ((bits[i >>> 5] as number) & (1 << (i & 31))) !== 0

/** Whether a gate let no pattern through at all. */
export const noneOpen = (bits: Int32Array): boolean => bits.every((w) => w === 0)

/** Up to this many characters a class or a set is worth keeping; wider is as good as none. */
const WIDEST = 64
/** A family of many alternatives ("resolved.done": 18 of them, 85 characters) is still shut out of
 *  most clauses by that many: a clause holds few of them. */
const WIDEST_UNION = 160

class Reader {
  private at = 0
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at === this.source.length
  }

  /** a|b|c: a match of it is a match of one of them, so it needs one of their sets. */
  alternation(): Set<string> | null {
    const sets = [this.sequence()]
    while (this.source[this.at] === '|') {
      this.at++
      sets.push(this.sequence())
    }
    if (sets.some((s) => s === null)) return null
    const union = new Set(sets.flatMap((s) => [...(s as Set<string>)]))
    return union.size <= WIDEST_UNION ? union : null
  }

  /** abc: a match holds a match of every part that must be there; the part with the fewest characters tells most. */
  private sequence(): Set<string> | null {
    let best: Set<string> | null = null
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom()
      const optional = this.quantifier()
      if (atom === undefined) return this.fail()
      if (atom !== null && !optional && (best === null || atom.size < best.size)) best = atom
    }
    return best
  }

  /** One part; null when it needs nothing (an anchor, a look-around, "."); undefined when unknown. */
  private atom(): Set<string> | null | undefined {
    const c = this.source[this.at++] as string
    if (c === '^' || c === '$' || c === '.') return null
    if (c === '(') return this.group()
    if (c === '[') return this.charClass()
    if (c === '\\') return this.escape()
    if ('*+?{}]'.includes(c)) return undefined
    // A surrogate pair stands for one character outside the BMP: keep it whole.
    const code = c.charCodeAt(0)
    if (code >= 0xd800 && code <= 0xdbff) return new Set([c + (this.source[this.at++] ?? '')])
    return new Set([c])
  }

  private group(): Set<string> | null | undefined {
    const lookaround = /^\?<?[=!]/.exec(this.source.slice(this.at, this.at + 3))
    if (lookaround) this.at += lookaround[0].length
    else if (this.source.startsWith('?:', this.at)) this.at += 2
    else if (this.source[this.at] === '?') return undefined // named groups and the like: not used here
    const inner = this.alternation()
    if (this.source[this.at] !== ')') return undefined
    this.at++
    // A look-around matches no characters of its own.
    return lookaround ? null : inner
  }

  private charClass(): Set<string> | null | undefined {
    const negated = this.source[this.at] === '^'
    if (negated) this.at++
    const chars = new Set<string>()
    let wide = negated
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      let c = this.source[this.at++] as string
      if (c === '\\') {
        const escaped = this.escape()
        if (escaped === undefined) return undefined
        if (escaped === null) wide = true
        else escaped.forEach((e) => chars.add(e))
        continue
      }
      if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']') {
        const to = this.source[this.at + 1] as string
        this.at += 2
        const [from, end] = [c.codePointAt(0) as number, to.codePointAt(0) as number]
        if (end - from > WIDEST) wide = true
        else for (let code = from; code <= end; code++) chars.add(String.fromCodePoint(code))
        continue
      }
      const code = c.charCodeAt(0)
      if (code >= 0xd800 && code <= 0xdbff) c += this.source[this.at++] ?? ''
      chars.add(c)
    }
    if (this.source[this.at] !== ']') return undefined
    this.at++
    return wide || chars.size > WIDEST ? null : chars
  }

  private escape(): Set<string> | null | undefined {
    const c = this.source[this.at++]
    if (c === undefined) return undefined
    if (c === 'd') return new Set('0123456789')
    if (c === 'n') return new Set('\n')
    if (c === 's' || c === 'S' || c === 'D' || c === 'w' || c === 'W' || c === 'b' || c === 'B') return null
    if (/[a-zA-Z0-9]/.test(c)) return undefined // \u, \p, back-references: not used here
    return new Set([c])
  }

  /** Reads a quantifier after a part, if any: whether the part may be absent (?, *, {0,n}). */
  private quantifier(): boolean {
    const c = this.source[this.at]
    let optional = false
    if (c === '?' || c === '*') {
      optional = true
      this.at++
    } else if (c === '+') {
      this.at++
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(this.source.slice(this.at))
      if (!m) return false
      optional = Number(m[1]) === 0
      this.at += m[0].length
    } else {
      return false
    }
    if (this.source[this.at] === '?') this.at++ // lazy
    return optional
  }

  private fail(): null {
    this.at = Number.NaN
    return null
  }
}
