import { types, type Message } from 'wechaty'
import { readCommandLine, splitQuote, stripLeadingMentions } from '../parse/chat-text.ts'
import type { ChatMessage } from './chat-message.ts'

/** Turns a Wechaty message into a plain `ChatMessage`; the bot's own messages never get here. */
export async function toChatMessage(msg: Message): Promise<ChatMessage> {
  const type = msg.type()
  const text = msg.text()
  const talker = msg.talker()
  const room = msg.room()
  const kind = type === types.Message.Recalled ? 'recall' : type === types.Message.Text ? 'text' : 'other'
  const { body, quote } = splitQuote(text)
  const ownWords = stripLeadingMentions(body)
  return {
    id: msg.id,
    kind,
    text,
    body: ownWords,
    quote,
    command: kind === 'text' ? readCommandLine(ownWords) : undefined,
    talker: { id: talker.id, name: talker.name() },
    room: room ? { id: room.id, topic: await room.topic(), ownerId: room.owner()?.id } : undefined,
    // Without the bot itself: "@督办助手 /assign 3 @王五" must never name the bot as the one responsible.
    mentionIds: (msg.payload && 'mentionIdList' in msg.payload ? (msg.payload.mentionIdList ?? []) : []).filter(
      (id) => id !== msg.wechaty.currentUser.id,
    ),
    sentAt: msg.date(),
  }
}
