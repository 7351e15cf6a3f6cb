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
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' })

/** @mentions end at a space (WeChat puts U+2005 after the name) or at the end of the text: "@国土局李科 粤能…". */
const MENTION = /@[^\s@]{1,30}(?:[\s\u2005]|$)/g

/** Placeholders WeChat puts for media and built-in stickers: [图片], [语音], [抱拳], [强]. */
const PLACEHOLDER = /\[[\u4e00-\u9fa5A-Za-z]{1,6}\]/g

/** Emoji, their modifiers and joiners: 🎉, 👍🏻, 🫡, ❤️. Each code point goes on its own, so the joiners
 *  and variation selectors are meant singly in the class. */
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]/gu

const TAG = /#(进度|问题)/g

/** Full-width ASCII (１０, ％, ？, ，) to half-width; the ideographic space to a plain one. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  )
}

function clean(text: string): string {
  return toHalfWidth(toSimplified(text))
    .replace(MENTION, ' ')
    .replace(PLACEHOLDER, ' ')
    .replace(EMOJI, ' ')
    .replace(/[ \t\u2005]+/g, ' ')
    .trim()
}

/** `body`: the sender's own words; `quoted`: the text of the message they quoted, if any. */
export function normalizeMessage(body: string, quoted = ''): NormalizedMessage {
  const tags = new Set<'progress' | 'issue'>()
  const text = body.replace(TAG, (_, tag: string) => {
    tags.add(tag === '进度' ? 'progress' : 'issue')
    return ' '
  })
  return { text: clean(text), quoted: quoted === '' ? '' : clean(quoted), tags, toEveryone: /@(?:所有人|全体成员)/u.test(body) }
}
