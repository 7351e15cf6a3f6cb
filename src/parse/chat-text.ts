/**
 * What WeChat delivers as the text of a message, taken apart once: a quoted block, the @mentions
 * in front, a command. Every entry point reads a chat text through `readChatText`: the WeChat
 * adapter, `npm run parse`, `replay` and the corpus scorer, so a rule sees the same words in each.
 */

/** `recall`: someone took a message back (its text is the recalled message's id); `other`: a picture, a file. */
export type MessageKind = 'text' | 'recall' | 'other'

/** A chat text taken apart: the sender's own words, the quote, the command they give. */
export interface ChatText {
  /** The sender's own words: without a quoted block and without leading @mentions. */
  body: string
  /** The message this one quotes, as far as the text tells. */
  quote: Quote | undefined
  /** The command the body gives (`/status`, `／解决 3`); undefined for anything else. */
  command: CommandLine | undefined
}

/**
 * The one reader of a chat text: the quoted block kept apart, leading @mentions dropped from the
 * sender's words ("@所有人 桩基已完成45%" reads "桩基已完成45%"), and the command they give, if any.
 */
export function readChatText(text: string, kind: MessageKind = 'text'): ChatText {
  const { body, quote } = splitQuote(text)
  const ownWords = stripLeadingMentions(body)
  return { body: ownWords, quote, command: kind === 'text' ? readCommandLine(ownWords) : undefined }
}

export interface Quote {
  /** The quoted sender's name as shown; '' when the quote does not show one. */
  name: string
  text: string
}

/**
 * PC and iPad puppets deliver a quoted reply as text: the quoted sender and text in 「」, a rule of
 * dashes, then the reply. Example:
 *   「张三：征地拆迁还有两户没谈妥」
 *   - - - - - - - - - - - - - - -
 *   已解决
 * The rule may come full-width (－ － －) from a phone keyboard set to full width.
 */
const QUOTED_REPLY = /^\s*「(?:([^：:\n」]{1,64})[：:])?([\s\S]*?)」[ \t\u3000]*\n\s*(?:[-－]\s*){3,}\n?([\s\S]*)$/u

/** The sender's own words and, for a quoted reply, the quote kept apart. */
export function splitQuote(text: string): { body: string; quote: Quote | undefined } {
  const m = QUOTED_REPLY.exec(text)
  if (!m) return { body: text, quote: undefined }
  return { body: m[3]!.trim(), quote: { name: (m[1] ?? '').trim(), text: m[2]!.trim() } }
}

/**
 * Drops the @mentions WeChat puts in front of a message (`@督办助手\u2005/status`), so that a command
 * addressed to the bot reads like any other. Mentions inside the text stay: `/assign 3 @李四`.
 * `@所有人` stays too: it names no one, it says the message is an announcement, which the parser
 * weighs (`@所有人 明天上午9点开调度会` is a notice; the same words after a greeting are too).
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@(?!所有人[\u2005 ])[^\s\u2005@]{1,32}[\u2005 ])+/u, '').trim()
}

export interface CommandLine {
  /** The command word as typed, lower-cased: `status`, `状态`. */
  name: string
  /** Everything after the command word, full-width folded and trimmed: `3 已协调供电局`. */
  args: string
}

/**
 * The command a message body gives, or `undefined` when it is not one. Accepts the half-width
 * and full-width slash and full-width arguments: `／解决　＃３　已协调` reads as `解决` + `#3 已协调`.
 * NFKC folds full-width letters, digits, ＃ and the ideographic space to their plain forms.
 */
export function readCommandLine(body: string): CommandLine | undefined {
  const text = stripLeadingMentions(body).normalize('NFKC').trim()
  const m = /^\/\s*([^\s/]+)\s*([\s\S]*)$/u.exec(text)
  if (!m) return undefined
  return { name: m[1]!.toLowerCase(), args: m[2]!.trim() }
}
