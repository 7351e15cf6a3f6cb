import type { ChatMessage } from '../../src/core/chat-message.ts'
import { readChatText } from '../../src/parse/chat-text.ts'

/** The group the router tests speak in: a project group bound by its name on first sight. */
const GROUP = { id: 'r1@chatroom', topic: '【项目】宏达电子推进群', ownerId: undefined }

let n = 0

/**
 * A chat message as the WeChat adapter hands it to the router, read by the one chat-text reader:
 * `who` says `text` in GROUP (or privately, with `room: undefined`), ids unique across the run.
 */
export function chatMessage(
  who: string,
  text: string,
  o: { kind?: 'text' | 'recall'; room?: ChatMessage['room']; id?: string; sentAt?: Date } = {},
): ChatMessage {
  const kind = o.kind ?? 'text'
  return {
    id: o.id ?? `c${++n}`,
    kind,
    text,
    ...readChatText(text, kind),
    talker: { id: `wxid_${who}`, name: who },
    room: 'room' in o ? o.room : GROUP,
    mentionIds: [],
    mentionsBot: false,
    sentAt: o.sentAt ?? new Date('2026-03-02T01:00:00Z'),
  }
}
