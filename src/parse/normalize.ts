import * as OpenCC from 'opencc-js/t2cn'

/**
 * The first step of parsing: turn what WeChat delivers into plain Simplified Chinese, and set
 * aside the parts that are not the sender's own report (the quote arrives apart: chat-text.ts).
 */
export interface NormalizedMessage {
  /** The sender's own words: simplified, half-width, without mentions, emoji or placeholders. */
  text: string
  /** The quoted message of a WeChat quoted reply, normalised the same way; '' when none. */
  quoted: string
  /** `#进度` / `#问题` tags the sender put in, as explicit hints. */
  tags: Set<'progress' | 'issue'>
  /** Sent to everyone ("@所有人"): an announcement. */
  toEveryone: boolean
}

// hk → cn, not twp: twp rewrites vocabulary, and chained converters turn 显著 into 显着.
const convert = OpenCC.Converter({ from: 'hk', to: 'cn' })

/**
 * One character of every dictionary entry the converter could apply that changes something: the
 * first that differs ("一坏 → 一坯" gives 坏), or one that converts on its own. A text with none of
 * them converts to itself, so most chat (already Simplified) skips the converter's four passes.
 * Every entry is checked against the converter in test/unit/parse/normalize.test.ts.
 */
function changingCharacters(): Uint8Array | null {
  const entries = converterEntries()
  if (entries.length === 0) return null
  const single = new Set(entries.filter(([k, v]) => k !== v && [...k].length === 1).map(([k]) => k))
  const chars = new Set<string>()
  for (const [key, value] of entries) {
    if (key === value || key === undefined) continue
    const k = [...key]
    const v = [...(value ?? '')]
    chars.add(k.find((c) => single.has(c)) ?? k.find((c, i) => v[i] !== c) ?? (k[0] as string))
  }
  // By UTF-16 code unit; a character beyond the BMP marks its first unit (letting through a little more).
  const units = new Uint8Array(0x10000)
  for (const c of chars) units[c.charCodeAt(0)] = 1
  return units
}

/** Every [from, to] entry of the dictionaries the hk → cn converter uses (its hk2s config). */
export function converterEntries(): [string, string][] {
  const config = (OpenCC.Locale.configs as Record<string, unknown> | undefined)?.['hk2s']
  const entries: [string, string][] = []
  // The config nests dictionaries in chains and groups; each is "k v|k v" or [k, v] pairs (whose
  // two strings, unlike a group of two dictionaries, hold no space).
  const isPair = (value: unknown[]): value is [string, string] => value.length === 2 && value.every((s) => typeof s === 'string' && !s.includes(' '))
  const collect = (value: unknown): void => {
    if (typeof value === 'string') for (const e of value.split('|')) entries.push(e.split(' ') as [string, string])
    else if (Array.isArray(value) && isPair(value)) entries.push(value)
    else if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  collect(config)
  return entries
}

const CHANGING = changingCharacters()

/** Traditional (Hong Kong or Taiwan) to Simplified; a text the converter would leave alone is left alone. */
export function toSimplified(text: string): string {
  if (CHANGING === null) return convert(text)
  for (let i = 0; i < text.length; i++) if (CHANGING[text.charCodeAt(i)] === 1) return convert(text)
  return text
}

/** @mentions end at a space (WeChat puts U+2005 after the name) or at the end of the text: "@国土局李科 粤能…". */
const MENTION = /@[^\s@]{1,30}(?:[\s\u2005]|$)/g

/** Placeholders WeChat puts for media and built-in stickers: [图片], [语音], [抱拳], [强]. */
const PLACEHOLDER = /\[[\u4e00-\u9fa5A-Za-z]{1,6}\]/g

/** Emoji, their modifiers and joiners: 🎉, 👍🏻, 🫡, ❤️. Each code point goes on its own, so the joiners
 *  and variation selectors are meant singly in the class. */
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/gu

const TAG = /#(进度|问题)/g

/**
 * Whether a text may hold a mention, a placeholder or an emoji at all: most chat holds none. A plain
 * class of code units, not Unicode properties (ten times slower over a whole message): '@', '[',
 * ©, ®, the symbol blocks U+2000–2BFF (‼, ⏰, ❤, ⭐, and the joiner and keycap), 〰 〽 ㊗ ㊙, any
 * surrogate (every emoji past the BMP, modifiers included) and U+FE0F. A test holds it to cover
 * every BMP code point the property classes name.
 */
// eslint-disable-next-line no-misleading-character-class -- code units one by one, on purpose
export const MAY_DECORATE = /[@[\u00a9\u00ae\u2000-\u2bff\u3030\u303d\u3297\u3299\ud800-\udfff\ufe0f]/

/** Full-width ASCII (１０, ％, ？, ，) to half-width; the ideographic space to a plain one. */
function toHalfWidth(text: string): string {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0xff01 || code > 0xff5e) && code !== 0x3000) continue
    out += text.slice(from, i) + (code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0))
    from = i + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/**
 * 著 where Simplified writes 着: the converter keeps 著 (显著, 著名 are Simplified too), so a
 * Traditional "乾等著" would not read as "干等着". Not in 显著, 著名, 著作 and their kin.
 */
const ZHE = /(?<![显卓土名原专巨论编合遗昭])著(?![名作称述录者])/gu

/**
 * Cantonese negations read as the Mandarin ones the phrase families know, one character for one
 * (so that what is shown can still be found in what was written, as-written.ts): 唔 → 不, 冇 → 没,
 * 仲 before 未/等/要/有/在/差/系 → 还. "钻机车入唔到" reads "入不到", "都冇批落嚟" reads "都没批落嚟",
 * "仲未受理" reads "还未受理"; 唔该 (thanks) and 仲裁 stay.
 */
export function readCantonese(text: string): string {
  if (!CANTONESE.test(text)) return text
  return text.replace(/唔(?![该該])/gu, '不').replace(/冇/gu, '没').replace(/仲(?=[未等要有在差系])/gu, '还')
}

const CANTONESE = /[唔冇仲]/u

function clean(text: string): string {
  let plain = readCantonese(toHalfWidth(toSimplified(text)))
  if (plain.includes('著')) plain = plain.replace(ZHE, '着')
  if (MAY_DECORATE.test(plain)) plain = plain.replace(MENTION, ' ').replace(PLACEHOLDER, ' ').replace(EMOJI, ' ')
  return plain.replace(/[ \t\u2005]+/g, ' ').trim()
}

/** `body`: the sender's own words; `quoted`: the text of the message they quoted, if any. */
export function normalizeMessage(body: string, quoted = ''): NormalizedMessage {
  const tags = new Set<'progress' | 'issue'>()
  const text = body.replace(TAG, (_, tag: string) => {
    tags.add(tag === '进度' ? 'progress' : 'issue')
    return ' '
  })
  return { text: clean(text), quoted: quoted === '' ? '' : clean(quoted), tags, toEveryone: /[@＠](?:所有人|全体成员)/u.test(body) }
}
