import { types, type Message } from 'wechaty'
import { readChatText } from '../parse/chat-text.ts'
import type { ChatMessage } from '../core/chat-message.ts'
import { PHOTO_MAX_BYTES } from '../store/index.ts'

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
    ...(type === types.Message.Image && room ? { photo: await photoOf(msg) } : {}),
  }
}

/**
 * How long a picture's file may take to come from the service. Messages are handled in arrival
 * order, so a file that never comes (the service lost it: its client waits a whole minute) would
 * hold up every message behind it.
 */
const PHOTO_FETCH_MS = 10_000

/** A group's picture as bytes, for the ledger's evidence; never more than PHOTO_MAX_BYTES held. */
async function photoOf(msg: Message): Promise<Uint8Array | 'too-large' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'unavailable'>((resolve) => (timer = setTimeout(() => resolve('unavailable'), PHOTO_FETCH_MS)))
  const fetched = (async () => {
    const box = await msg.toFileBox()
    if (box.size > PHOTO_MAX_BYTES) return 'too-large' as const
    const bytes = await box.toBuffer()
    return bytes.length > PHOTO_MAX_BYTES ? ('too-large' as const) : bytes
  })()
  try {
    return await Promise.race([fetched, late])
  } catch {
    // A puppet that cannot give the file leaves the placeholder in the ledger, as before.
    return 'unavailable'
  } finally {
    clearTimeout(timer)
    fetched.catch(() => undefined)
  }
}
