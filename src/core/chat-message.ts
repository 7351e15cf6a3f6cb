import type { ChatText, MessageKind } from '../parse/chat-text.ts'

/**
 * A chat message as the rest of duban sees it: plain data, no Wechaty objects. The adapter builds
 * it, reading the text apart once (parse/chat-text.ts: quote, mentions, command); the router and the commands only see this.
 */
export interface ChatMessage extends ChatText {
  /** WeChat's message id: the key of idempotent ingest and of recalls. */
  id: string
  /** `recall`: someone took a message back; `text` then holds the recalled message's id. */
  kind: MessageKind
  /** The text as received, quote and mentions included: what the ledger keeps. */
  text: string
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

