import { readCommandLine, splitQuote, stripLeadingMentions, type CommandLine, type Quote } from '../parse/chat-text.ts'

/**
 * A chat message as the rest of duban sees it: plain data, no Wechaty objects. The adapter builds
 * it, reading the text apart once (quote, command); the router and the commands only see this.
 */
export interface ChatMessage {
  /** WeChat's message id: the key of idempotent ingest and of recalls. */
  id: string
  /** `recall`: someone took a message back; `text` then holds the recalled message's id. */
  kind: 'text' | 'recall' | 'other'
  /** The text as received, quote and mentions included: what the ledger keeps. */
  text: string
  /** The sender's own words: without a quoted block and without leading @mentions. */
  body: string
  /** The message this one quotes, as far as the text tells. */
  quote: Quote | undefined
  /** The command the body gives (`/status`, `／解决 3`), read once; undefined for anything else. */
  command: CommandLine | undefined
  talker: { id: string; name: string }
  room: { id: string; topic: string; ownerId: string | undefined } | undefined
  /** Contact ids @mentioned, in order (WeChat lists them beside the text), the bot's own left out. */
  mentionIds: string[]
  /** The message @mentions the bot ("@督办助手 审批进展怎么样了？"): it is addressed to it. */
  mentionsBot: boolean
  sentAt: Date
  /**
   * A picture's bytes (an image message in a group), read by the adapter; `too-large` past
   * PHOTO_MAX_BYTES, `unavailable` when WeChat would not hand it over. Absent for anything else.
   */
  photo?: Uint8Array | 'too-large' | 'unavailable'
}

/**
 * A message's text taken apart once, for the adapter and the replay alike: the quoted block kept
 * apart, leading @mentions dropped from the sender's words, and the command they give, if any.
 */
export function readChatText(text: string, kind: ChatMessage['kind']): Pick<ChatMessage, 'body' | 'quote' | 'command'> {
  const { body, quote } = splitQuote(text)
  const ownWords = stripLeadingMentions(body)
  return { body: ownWords, quote, command: kind === 'text' ? readCommandLine(ownWords) : undefined }
}
