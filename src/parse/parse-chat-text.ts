import { readChatText } from './chat-text.ts'
import { explainMessage, type Explanation, type ParseOptions } from './parse-message.ts'
import type { ParsedRecord } from './types.ts'

/**
 * A message's text as WeChat delivers it (a quoted block, @mentions and all), read by the reader the
 * bot uses (`readChatText`): the quote apart, leading @mentions dropped, a command recording nothing.
 * For `npm run parse` and the corpus scorer; the bot reads the same body and quote (core/message-core.ts).
 */
export function parseChatText(text: string, sentAt: Date | string, options: ParseOptions): ParsedRecord[] {
  return explainChatText(text, sentAt, options).records
}

export function explainChatText(text: string, sentAt: Date | string, options: ParseOptions): Explanation {
  const { body, quote, command } = readChatText(text)
  if (command) return { setAside: 'command', items: [], records: [] }
  return explainMessage({ body, quoted: quote?.text, sentAt }, options)
}
