import type { Db } from './database.ts'

/**
 * The WeChat id of the message a quoted reply quotes. Quotes arrive as text (「张三：原文」), not
 * as ids, so the quoted message is looked up by its text in that group: the newest message of the
 * group with that text, or, when the quoted sender is the bot, the newest text it sent there.
 * WeChat may shorten a long quote, so a prefix match is the fallback.
 */
export async function findQuotedMessageId(
  db: Db,
  roomId: string,
  quote: { name: string; text: string },
  botName: string,
): Promise<string | undefined> {
  if (quote.text === '') return undefined
  const prefix = `${quote.text.replace(/…$/u, '')}%`
  if (quote.name === botName) {
    const row = await db
      .selectFrom('outbox')
      .select('sent_message_id')
      .where('target_id', '=', roomId)
      .where('state', '=', 'sent')
      .where('sent_message_id', 'is not', null)
      .where((eb) => eb.or([eb('text', '=', quote.text), eb('text', 'like', prefix)]))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row?.sent_message_id ?? undefined
  }
  const row = await db
    .selectFrom('messages')
    .select('wechat_id')
    .where('room_id', '=', roomId)
    .where((eb) => eb.or([eb('text', '=', quote.text), eb('text', 'like', prefix)]))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.wechat_id
}
