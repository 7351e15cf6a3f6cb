import { types, type Message } from 'wechaty'
import { readChatText } from '../parse/chat-text.ts'
import type { ChatMessage } from '../core/chat-message.ts'

/** Turns a Wechaty message into a plain `ChatMessage`; the bot's own messages never get here. */
export async function toChatMessage(msg: Message): Promise<ChatMessage> {
  const type = msg.type()
  const text = msg.text()
  const talker = msg.talker()
  const room = msg.room()
  // Wechaty may hand over a message whose sender or group it did not finish loading (the service
  // went away half way); load them now, or fail so that the inbox reads the message again later.
  if (!talker.isReady()) await talker.sync()
  if (room && !room.isReady()) await room.sync()
  const kind = type === types.Message.Recalled ? 'recall' : type === types.Message.Text ? 'text' : 'other'
  const self = msg.wechaty.currentUser
  const mentioned = msg.payload && 'mentionIdList' in msg.payload ? (msg.payload.mentionIdList ?? []) : []
  return {
    id: msg.id,
    kind,
    text,
    ...readChatText(text, kind),
    talker: { id: talker.id, name: talker.name() },
    room: room ? { id: room.id, topic: await room.topic(), ownerId: room.owner()?.id } : undefined,
    // Without the bot itself: "@督办助手 /assign 3 @王五" must never name the bot as the one responsible.
    mentionIds: mentioned.filter((id) => id !== self.id),
    // Some puppets list no mention ids for a typed "@督办助手"; the name in the text says it as well.
    mentionsBot: mentioned.includes(self.id) || text.includes(`@${self.name()}`),
    sentAt: msg.date(),
  }
}
