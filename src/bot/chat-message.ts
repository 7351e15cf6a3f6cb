/**
 * A chat message as the rest of duban sees it: plain data, no Wechaty objects. The adapter builds
 * it; the router, the commands and the store only ever see this.
 */
export interface ChatMessage {
  /** WeChat's message id: the key of idempotent ingest and of recalls. */
  id: string
  /** `recall`: someone took a message back; `text` then holds the recalled message's id. */
  kind: 'text' | 'recall' | 'other'
  /** The text as received, quote and mentions included. */
  text: string
  /** The sender's own words: without a quoted block and without leading @mentions. */
  body: string
  talker: { id: string; name: string }
  room: { id: string; topic: string; ownerId: string | undefined } | undefined
  /** Contact ids @mentioned, in order (WeChat lists them beside the text), the bot's own left out. */
  mentionIds: string[]
  /** The quoted message of a quoted reply, as far as the text tells. */
  quote: Quote | undefined
  sentAt: Date
}

export interface Quote {
  name: string
  text: string
}

/**
 * PC and iPad puppets deliver a quoted reply as text: the quoted sender and text in 「」, a rule of
 * dashes, then the reply. Example:
 *   「张三：征地拆迁还有两户没谈妥」
 *   - - - - - - - - - - - - - - -
 *   已解决
 */
const QUOTED_REPLY = /^「([^：:\n]{1,64})[：:]([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\n?([\s\S]*)$/u

export function splitQuote(text: string): { quote: Quote | undefined; reply: string } {
  const m = QUOTED_REPLY.exec(text)
  if (!m) return { quote: undefined, reply: text }
  return { quote: { name: m[1]!.trim(), text: m[2]!.trim() }, reply: m[3]!.trim() }
}

/**
 * Drops the @mentions WeChat puts in front of a message (`@督办助手\u2005/status`), so that a command
 * addressed to the bot reads like any other. Mentions inside the text stay: `/assign 3 @李四`.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s\u2005@]{1,32}[\u2005 ])+/u, '').trim()
}
